import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    #include <stdio.h>

    int main(void) {
        puts("hello");
        return 0;
    }
  `,
  sum: code`
    #include <stdio.h>

    int main(void) {
        long a, b;
        if (scanf("%ld %ld", &a, &b) != 2) {
            fprintf(stderr, "expected two integers\n");
            return 1;
        }
        printf("%ld\n", a + b);
        return 0;
    }
  `,
  args: code`
    #include <stdio.h>

    int main(int argc, char *argv[]) {
        for (int i = 1; i < argc; i++) {
            puts(argv[i]);
        }
        return 0;
    }
  `,
  exit3: code`
    #include <stdlib.h>

    int main(void) {
        exit(3);
    }
  `,
  runtimeError: {
    code: code`
      #include <assert.h>
      #include <stdio.h>

      static int divide(int a, int b) {
          assert(b != 0);
          return a / b;
      }

      int main(int argc, char *argv[]) {
          (void)argv;
          printf("%d\n", divide(10, argc - 1));
          return 0;
      }
    `,
    expect: /Assertion `b != 0' failed/,
  },
  compileError: {
    code: code`
      #include <stdio.h>

      int main(void) {
          printf("%d\n", answer);
          return 0;
      }
    `,
    expect: /'answer' undeclared/,
  },
  twoFiles: [
    {
      name: 'main.c',
      content: code`
        #include <stdio.h>

        #include "greet.h"

        int main(void) {
            char buffer[64];
            greeting(buffer, sizeof buffer, "two files");
            puts(buffer);
            return 0;
        }
      `,
    },
    {
      name: 'greet.h',
      content: code`
        #ifndef GREET_H
        #define GREET_H

        #include <stddef.h>

        void greeting(char *out, size_t size, const char *name);

        #endif
      `,
    },
    {
      name: 'greet.c',
      content: code`
        #include "greet.h"

        #include <stdio.h>

        void greeting(char *out, size_t size, const char *name) {
            snprintf(out, size, "hello from %s", name);
        }
      `,
    },
  ],
};
