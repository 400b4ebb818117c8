import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    puts "hello"
  `,
  sum: code`
    a = gets.not_nil!.to_i
    b = gets.not_nil!.to_i
    puts a + b
  `,
  args: code`
    ARGV.each { |arg| puts arg }
  `,
  exit3: code`
    exit 3
  `,
  runtimeError: {
    code: code`
      answer = "forty-two".to_i
      puts answer
    `,
    expect: /Invalid Int32: "forty-two"/,
  },
  compileError: {
    code: code`
      answer : Int32 = "forty-two"
      puts answer
    `,
    expect: /type must be Int32, not String/,
  },
  twoFiles: [
    {
      name: 'main.cr',
      content: code`
        require "./greet"

        puts greeting("two files")
      `,
    },
    {
      name: 'greet.cr',
      content: code`
        def greeting(name : String) : String
          "hello from #{name}"
        end
      `,
    },
  ],
};
