import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    fn main() {
        println!("hello");
    }
  `,
  sum: code`
    use std::io::{self, BufRead};

    fn main() {
        let total: i64 = io::stdin()
            .lock()
            .lines()
            .take(2)
            .map(|line| line.expect("stdin").trim().parse::<i64>().expect("an integer"))
            .sum();
        println!("{}", total);
    }
  `,
  args: code`
    fn main() {
        for arg in std::env::args().skip(1) {
            println!("{}", arg);
        }
    }
  `,
  exit3: code`
    use std::process;

    fn main() {
        process::exit(3);
    }
  `,
  runtimeError: {
    code: code`
      fn main() {
          let answer: i32 = "forty-two".parse().expect("not a number");
          println!("{}", answer);
      }
    `,
    // Rust 1.73+ puts the message on the line after the location.
    expect: /panicked at [^\n]*\n?[^\n]*not a number/,
  },
  compileError: {
    code: code`
      fn main() {
          let answer: i32 = "forty-two";
          println!("{}", answer);
      }
    `,
    expect: /mismatched types/,
  },
  twoFiles: [
    {
      name: 'main.rs',
      content: code`
        mod greet;

        fn main() {
            println!("{}", greet::greeting("two files"));
        }
      `,
    },
    {
      name: 'greet.rs',
      content: code`
        pub fn greeting(name: &str) -> String {
            format!("hello from {}", name)
        }
      `,
    },
  ],
};
