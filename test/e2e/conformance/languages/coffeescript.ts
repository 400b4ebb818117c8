import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    console.log "hello"
  `,
  sum: code`
    fs = require "fs"

    [a, b] = fs.readFileSync(0, "utf8").trim().split("\n").map(Number)
    console.log a + b
  `,
  args: code`
    console.log arg for arg in process.argv[2..]
  `,
  exit3: code`
    process.exit 3
  `,
  runtimeError: {
    code: code`
      config = JSON.parse "{not json"
      console.log config
    `,
    expect: /SyntaxError/,
  },
  twoFiles: [
    {
      name: 'main.coffee',
      content: code`
        { greeting } = require "./greet"

        console.log greeting "two files"
      `,
    },
    {
      name: 'greet.coffee',
      content: code`
        exports.greeting = (name) -> "hello from #{name}"
      `,
    },
  ],
};
