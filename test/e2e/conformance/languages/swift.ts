import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    print("hello")
  `,
  sum: code`
    let a = Int(readLine()!)!
    let b = Int(readLine()!)!
    print(a + b)
  `,
  args: code`
    for arg in CommandLine.arguments.dropFirst() {
        print(arg)
    }
  `,
  exit3: code`
    import Foundation

    exit(3)
  `,
  runtimeError: {
    code: code`
      let numbers = [1, 2, 3]
      let index = numbers.count + 4
      print(numbers[index])
    `,
    expect: /Index out of range/,
  },
  compileError: {
    code: code`
      let answer: Int = "forty-two"
      print(answer)
    `,
    expect: /cannot convert value of type 'String' to specified type 'Int'/,
  },
  twoFiles: [
    {
      name: 'main.swift',
      content: code`
        print(greeting(for: "two files"))
      `,
    },
    {
      name: 'greet.swift',
      content: code`
        func greeting(for name: String) -> String {
            "hello from \(name)"
        }
      `,
    },
  ],
};
