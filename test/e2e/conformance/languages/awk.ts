import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    BEGIN { print "hello" }
  `,
  sum: code`
    { total += $1 }
    END { print total }
  `,
  args: code`
    BEGIN {
        for (i = 1; i < ARGC; i++)
            print ARGV[i]
    }
  `,
  exit3: code`
    BEGIN { exit 3 }
  `,
  runtimeError: {
    code: code`
      BEGIN {
          divisor = 0
          print 42 / divisor
      }
    `,
    expect: /division by zero/,
  },
  twoFiles: [
    {
      name: 'main.awk',
      content: code`
        @include "greet.awk"

        BEGIN { print greeting("two files") }
      `,
    },
    {
      name: 'greet.awk',
      content: code`
        function greeting(name) {
            return "hello from " name
        }
      `,
    },
  ],
};
