import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    using System;

    class Program
    {
        static void Main()
        {
            Console.WriteLine("hello");
        }
    }
  `,
  sum: code`
    using System;

    class Program
    {
        static void Main()
        {
            int a = int.Parse(Console.ReadLine());
            int b = int.Parse(Console.ReadLine());
            Console.WriteLine(a + b);
        }
    }
  `,
  args: code`
    using System;

    class Program
    {
        static void Main(string[] args)
        {
            foreach (string arg in args)
            {
                Console.WriteLine(arg);
            }
        }
    }
  `,
  exit3: code`
    using System;

    class Program
    {
        static void Main()
        {
            Environment.Exit(3);
        }
    }
  `,
  runtimeError: {
    code: code`
      using System;

      class Program
      {
          static void Main()
          {
              int answer = int.Parse("forty-two");
              Console.WriteLine(answer);
          }
      }
    `,
    expect: /System\.FormatException/,
  },
  compileError: {
    code: code`
      using System;

      class Program
      {
          static void Main()
          {
              int answer = "forty-two";
              Console.WriteLine(answer);
          }
      }
    `,
    expect: /error CS0029/,
  },
  twoFiles: [
    {
      name: 'Main.cs',
      content: code`
        using System;

        class Program
        {
            static void Main()
            {
                var greeter = new Greeter("two files");
                Console.WriteLine(greeter.Greet());
            }
        }
      `,
    },
    {
      name: 'Greeter.cs',
      content: code`
        class Greeter
        {
            private readonly string name;

            public Greeter(string name)
            {
                this.name = name;
            }

            public string Greet()
            {
                return "hello from " + name;
            }
        }
      `,
    },
  ],
};
