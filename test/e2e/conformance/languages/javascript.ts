import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    console.log("hello");
  `,
  sum: code`
    const fs = require("node:fs");

    const [a, b] = fs.readFileSync(0, "utf8").trim().split("\n").map(Number);
    console.log(a + b);
  `,
  args: code`
    for (const arg of process.argv.slice(2)) {
      console.log(arg);
    }
  `,
  exit3: code`
    process.exit(3);
  `,
  runtimeError: {
    code: code`
      const config = JSON.parse("{not json");
      console.log(config);
    `,
    expect: /SyntaxError/,
  },
  twoFiles: [
    {
      name: 'main.js',
      content: code`
        const { greeting } = require("./greet");

        console.log(greeting("two files"));
      `,
    },
    {
      name: 'greet.js',
      content: code`
        function greeting(name) {
          return \`hello from \${name}\`;
        }

        module.exports = { greeting };
      `,
    },
  ],
};
