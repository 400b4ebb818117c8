import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    :- initialization(main, main).

    main :- writeln(hello).
  `,
  sum: code`
    :- initialization(main, main).

    main :-
        read_line_to_string(user_input, A),
        read_line_to_string(user_input, B),
        number_string(X, A),
        number_string(Y, B),
        Sum is X + Y,
        writeln(Sum).
  `,
  args: code`
    :- initialization(main, main).

    main(Argv) :-
        forall(member(Arg, Argv), writeln(Arg)).
  `,
  exit3: code`
    :- initialization(main, main).

    main :- halt(3).
  `,
  runtimeError: {
    code: code`
      :- initialization(main, main).

      main :-
          Divisor = 0,
          X is 42 / Divisor,
          writeln(X).
    `,
    expect: /zero_divisor|Arithmetic: evaluation error/,
  },
  twoFiles: [
    {
      name: 'main.pl',
      content: code`
        :- initialization(main, main).
        :- consult(greet).

        main :-
            greeting("two files", Text),
            writeln(Text).
      `,
    },
    {
      name: 'greet.pl',
      content: code`
        greeting(Name, Text) :-
            string_concat("hello from ", Name, Text).
      `,
    },
  ],
};
