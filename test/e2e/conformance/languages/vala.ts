import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    void main () {
        print ("hello\n");
    }
  `,
  sum: code`
    void main () {
        int a = int.parse (stdin.read_line ());
        int b = int.parse (stdin.read_line ());
        print ("%d\n", a + b);
    }
  `,
  args: code`
    int main (string[] args) {
        foreach (string arg in args[1:args.length]) {
            print ("%s\n", arg);
        }
        return 0;
    }
  `,
  exit3: code`
    int main () {
        return 3;
    }
  `,
  runtimeError: {
    code: code`
      void main () {
          var file = File.new_for_path ("missing.txt");
          try {
              file.read ();
          } catch (Error e) {
              error ("cannot read the configuration: %s", e.message);
          }
      }
    `,
    expect: /cannot read the configuration/,
  },
  compileError: {
    code: code`
      void main () {
          int answer = "forty-two";
          print ("%d\n", answer);
      }
    `,
    expect: /Cannot convert from `string' to `int'/,
  },
  twoFiles: [
    {
      name: 'main.vala',
      content: code`
        void main () {
            print ("%s\n", Greet.greeting ("two files"));
        }
      `,
    },
    {
      name: 'greet.vala',
      content: code`
        namespace Greet {
            public string greeting (string name) {
                return @"hello from $name";
            }
        }
      `,
    },
  ],
};
