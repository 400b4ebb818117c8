import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    const greeting: string = "hello";
    console.log(greeting);
  `,
  sum: code`
    import * as fs from "fs";

    const input: string = fs.readFileSync(0, "utf8");
    const [a, b] = input
      .trim()
      .split("\n")
      .map((line: string): number => parseInt(line, 10));
    console.log(a + b);
  `,
  args: code`
    const args: string[] = process.argv.slice(2);
    for (const arg of args) {
      console.log(arg);
    }
  `,
  exit3: code`
    process.exit(3);
  `,
  runtimeError: {
    code: code`
      interface User {
        name: string;
      }

      const users: User[] = JSON.parse("[]");
      console.log(users[0].name.toUpperCase());
    `,
    expect: /TypeError: Cannot read properties of undefined/,
  },
  // Type errors fail the compile only when a job asks for type checking (compileOptions, see
  // the spec); a syntax error always does, reported by tsc.
  compileError: {
    code: code`
      const answer: number = ;
      console.log(answer);
    `,
    expect: /main\.ts\(1,24\): error TS1109: Expression expected/,
  },
  twoFiles: [
    {
      name: 'main.ts',
      content: code`
        import { greeting } from "./greet";

        console.log(greeting("two files"));
      `,
    },
    {
      name: 'greet.ts',
      content: code`
        export function greeting(name: string): string {
          return \`hello from \${name}\`;
        }
      `,
    },
  ],
};
