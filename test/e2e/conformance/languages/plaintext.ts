import { code, type LanguagePrograms } from '../program-kit';

// The source is the output: nothing reads input, exits or fails.
export const programs: LanguagePrograms = {
  hello: code`
    hello
  `,
  sum: { notApplicable: 'plain text reads no input' },
  args: { notApplicable: 'plain text takes no arguments' },
  exit3: { notApplicable: 'plain text has no exit status of its own' },
  runtimeError: { notApplicable: 'plain text cannot fail' },
  twoFiles: [
    {
      name: 'main.txt',
      content: code`
        hello from two files
      `,
    },
    {
      name: 'notes.txt',
      content: code`
        only the entry file is printed
      `,
    },
  ],
};
