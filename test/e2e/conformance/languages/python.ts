import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    print("hello")
  `,
  sum: code`
    a = int(input())
    b = int(input())
    print(a + b)
  `,
  args: code`
    import sys

    for arg in sys.argv[1:]:
        print(arg)
  `,
  exit3: code`
    import sys

    sys.exit(3)
  `,
  runtimeError: {
    code: code`
      value = int("forty-two")
      print(value)
    `,
    expect: /ValueError: invalid literal for int\(\)/,
  },
  twoFiles: [
    {
      name: 'main.py',
      content: code`
        from greet import greeting

        print(greeting("two files"))
      `,
    },
    {
      name: 'greet.py',
      content: code`
        def greeting(name: str) -> str:
            return f"hello from {name}"
      `,
    },
  ],
};
