import { code, type LanguagePrograms } from '../program-kit';

// escript always treats the first line as the header (#! line) and skips it.
export const programs: LanguagePrograms = {
  hello: code`
    #!/usr/bin/env escript

    main(_Args) ->
        io:format("hello~n").
  `,
  sum: code`
    #!/usr/bin/env escript

    main(_Args) ->
        A = read_integer(),
        B = read_integer(),
        io:format("~B~n", [A + B]).

    read_integer() ->
        {ok, [N]} = io:fread("", "~d"),
        N.
  `,
  args: code`
    #!/usr/bin/env escript

    main(Args) ->
        lists:foreach(fun(Arg) -> io:format("~s~n", [Arg]) end, Args).
  `,
  exit3: code`
    #!/usr/bin/env escript

    main(_Args) ->
        halt(3).
  `,
  runtimeError: {
    code: code`
      #!/usr/bin/env escript

      main(Args) ->
          io:format("~B~n", [10 div length(Args)]).
    `,
    expect: /arithmetic expression/,
  },
  twoFiles: [
    {
      name: 'main.erl',
      content: code`
        #!/usr/bin/env escript
        -include("greet.hrl").

        main(_Args) ->
            io:format("~s~n", [greeting("two files")]).
      `,
    },
    {
      name: 'greet.hrl',
      content: code`
        greeting(Name) ->
            "hello from " ++ Name.
      `,
    },
  ],
};
