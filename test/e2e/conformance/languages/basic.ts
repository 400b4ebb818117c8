import { code, type LanguagePrograms } from '../program-kit';

// bwBASIC 2.20: PRINT puts a sign position before a number (MID$ drops it); arguments are
// ENVIRON$("ARG1")… (runq-bwbasic); CHAIN hands over to another file with COMMON variables.
export const programs: LanguagePrograms = {
  hello: code`
    PRINT "hello"
  `,
  sum: code`
    LINE INPUT A$
    LINE INPUT B$
    PRINT MID$(STR$(VAL(A$) + VAL(B$)), 2)
  `,
  args: code`
    FOR I = 1 TO VAL(ENVIRON$("ARGC"))
      PRINT ENVIRON$("ARG" + MID$(STR$(I), 2))
    NEXT I
  `,
  exit3: { notApplicable: 'bwBASIC has no statement that sets an exit status' },
  runtimeError: {
    code: code`
      D = 0
      PRINT 42 / D
    `,
    expect: /Divide by 0/,
  },
  twoFiles: [
    {
      name: 'main.bas',
      content: code`
        10 COMMON N$
        20 N$ = "two files"
        30 CHAIN "greet.bas"
      `,
    },
    {
      name: 'greet.bas',
      content: code`
        10 PRINT "hello from " + N$
      `,
    },
  ],
};
