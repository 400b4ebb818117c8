import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    import std.stdio;

    void main() {
        writeln("hello");
    }
  `,
  sum: code`
    import std.conv : to;
    import std.stdio;
    import std.string : strip;

    void main() {
        auto a = readln().strip.to!int;
        auto b = readln().strip.to!int;
        writeln(a + b);
    }
  `,
  args: code`
    import std.stdio;

    void main(string[] args) {
        foreach (arg; args[1 .. $]) {
            writeln(arg);
        }
    }
  `,
  exit3: code`
    int main() {
        return 3;
    }
  `,
  runtimeError: {
    code: code`
      import std.conv : to;
      import std.stdio;

      void main() {
          auto answer = "forty-two".to!int;
          writeln(answer);
      }
    `,
    expect: /ConvException/,
  },
  compileError: {
    code: code`
      import std.stdio;

      void main() {
          int answer = "forty-two";
          writeln(answer);
      }
    `,
    expect: /cannot implicitly convert expression/,
  },
  twoFiles: [
    {
      name: 'main.d',
      content: code`
        import std.stdio;
        import greet;

        void main() {
            writeln(greeting("two files"));
        }
      `,
    },
    {
      name: 'greet.d',
      content: code`
        module greet;

        string greeting(string name) {
            return "hello from " ~ name;
        }
      `,
    },
  ],
};
