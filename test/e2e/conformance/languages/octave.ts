import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    disp("hello")
  `,
  sum: code`
    a = str2double(fgetl(stdin));
    b = str2double(fgetl(stdin));
    printf("%d\n", a + b);
  `,
  args: code`
    args = argv();
    for i = 1:numel(args)
      printf("%s\n", args{i});
    end
  `,
  exit3: code`
    exit(3);
  `,
  runtimeError: {
    code: code`
      values = [1, 2, 3];
      disp(values(7));
    `,
    expect: /out of bound/,
  },
  twoFiles: [
    {
      name: 'main.m',
      content: code`
        disp(greeting("two files"));
      `,
    },
    {
      name: 'greeting.m',
      content: code`
        function text = greeting(name)
          text = ["hello from ", name];
        end
      `,
    },
  ],
};
