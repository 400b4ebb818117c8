import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    let () = print_endline "hello"
  `,
  sum: code`
    let () =
      let a = int_of_string (String.trim (read_line ())) in
      let b = int_of_string (String.trim (read_line ())) in
      Printf.printf "%d\n" (a + b)
  `,
  args: code`
    let () =
      Sys.argv |> Array.to_list |> List.tl |> List.iter print_endline
  `,
  exit3: code`
    let () = exit 3
  `,
  runtimeError: {
    code: code`
      let () =
        let answer = int_of_string "forty-two" in
        print_int answer
    `,
    expect: /Fatal error: exception Failure\("int_of_string"\)/,
  },
  compileError: {
    code: code`
      let () = print_endline 42
    `,
    // OCaml 5.3: `The constant "42" has type "int"`; older: `This expression has type int`.
    expect: /has type "?int"? but an expression was expected of type\s+"?string/,
  },
  twoFiles: [
    {
      name: 'main.ml',
      content: code`
        let () = print_endline (Greet.greeting "two files")
      `,
    },
    {
      name: 'greet.ml',
      content: code`
        let greeting name = "hello from " ^ name
      `,
    },
  ],
};
