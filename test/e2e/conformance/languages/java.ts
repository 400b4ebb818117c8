import { code, JVM_RUN_LIMITS, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    public class Main {
        public static void main(String[] args) {
            System.out.println("hello");
        }
    }
  `,
  sum: code`
    import java.io.BufferedReader;
    import java.io.IOException;
    import java.io.InputStreamReader;

    public class Main {
        public static void main(String[] args) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            int a = Integer.parseInt(in.readLine().trim());
            int b = Integer.parseInt(in.readLine().trim());
            System.out.println(a + b);
        }
    }
  `,
  args: code`
    public class Main {
        public static void main(String[] args) {
            for (String arg : args) {
                System.out.println(arg);
            }
        }
    }
  `,
  exit3: code`
    public class Main {
        public static void main(String[] args) {
            System.exit(3);
        }
    }
  `,
  runtimeError: {
    code: code`
      public class Main {
          public static void main(String[] args) {
              int[] numbers = new int[args.length];
              System.out.println(numbers[0]);
          }
      }
    `,
    expect: /java\.lang\.ArrayIndexOutOfBoundsException/,
  },
  compileError: {
    code: code`
      public class Main {
          public static void main(String[] args) {
              int answer = "forty-two";
              System.out.println(answer);
          }
      }
    `,
    expect: /incompatible types/,
  },
  twoFiles: [
    {
      name: 'Main.java',
      content: code`
        public class Main {
            public static void main(String[] args) {
                Greeter greeter = new Greeter("two files");
                System.out.println(greeter.greet());
            }
        }
      `,
    },
    {
      name: 'Greeter.java',
      content: code`
        public class Greeter {
            private final String name;

            public Greeter(String name) {
                this.name = name;
            }

            public String greet() {
                return "hello from " + name;
            }
        }
      `,
    },
  ],
  limits: JVM_RUN_LIMITS,
};
