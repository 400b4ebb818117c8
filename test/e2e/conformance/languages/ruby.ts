import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    puts "hello"
  `,
  sum: code`
    a = Integer(gets)
    b = Integer(gets)
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
      value = Integer("forty-two")
      puts value
    `,
    expect: /invalid value for Integer\(\).*\(ArgumentError\)/,
  },
  twoFiles: [
    {
      name: 'main.rb',
      content: code`
        require_relative "greet"

        puts Greet.greeting("two files")
      `,
    },
    {
      name: 'greet.rb',
      content: code`
        module Greet
          def self.greeting(name)
            "hello from #{name}"
          end
        end
      `,
    },
  ],
};
