import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    class Main {
        static function main() {
            Sys.println("hello");
        }
    }
  `,
  sum: code`
    class Main {
        static function main() {
            var input = Sys.stdin();
            var a = Std.parseInt(input.readLine());
            var b = Std.parseInt(input.readLine());
            Sys.println(a + b);
        }
    }
  `,
  args: code`
    class Main {
        static function main() {
            for (arg in Sys.args()) {
                Sys.println(arg);
            }
        }
    }
  `,
  exit3: code`
    class Main {
        static function main() {
            Sys.exit(3);
        }
    }
  `,
  runtimeError: {
    code: code`
      class Main {
          static function main() {
              var users:Array<String> = null;
              Sys.println(users.length);
          }
      }
    `,
    expect: /Null|Invalid field access|Uncaught exception/,
  },
  compileError: {
    code: code`
      class Main {
          static function main() {
              var answer:Int = "forty-two";
              Sys.println(answer);
          }
      }
    `,
    expect: /String should be Int/,
  },
  twoFiles: [
    {
      name: 'Main.hx',
      content: code`
        class Main {
            static function main() {
                Sys.println(Greet.greeting("two files"));
            }
        }
      `,
    },
    {
      name: 'Greet.hx',
      content: code`
        class Greet {
            public static function greeting(name:String):String {
                return 'hello from $name';
            }
        }
      `,
    },
  ],
};
