import { code, type LanguagePrograms } from '../program-kit';

// Free format (cobc -free), as runq compiles COBOL.
export const programs: LanguagePrograms = {
  hello: code`
    IDENTIFICATION DIVISION.
    PROGRAM-ID. MAIN.
    PROCEDURE DIVISION.
        DISPLAY "hello".
        STOP RUN.
  `,
  sum: code`
    IDENTIFICATION DIVISION.
    PROGRAM-ID. MAIN.
    DATA DIVISION.
    WORKING-STORAGE SECTION.
    01 LINE-A PIC X(20).
    01 LINE-B PIC X(20).
    01 TOTAL  PIC -(9)9.
    PROCEDURE DIVISION.
        ACCEPT LINE-A.
        ACCEPT LINE-B.
        COMPUTE TOTAL = FUNCTION NUMVAL(LINE-A) + FUNCTION NUMVAL(LINE-B).
        DISPLAY FUNCTION TRIM(TOTAL).
        STOP RUN.
  `,
  args: code`
    IDENTIFICATION DIVISION.
    PROGRAM-ID. MAIN.
    DATA DIVISION.
    WORKING-STORAGE SECTION.
    01 ARG-COUNT PIC 9(4).
    01 ARG-INDEX PIC 9(4).
    01 ARG-VALUE PIC X(100).
    PROCEDURE DIVISION.
        ACCEPT ARG-COUNT FROM ARGUMENT-NUMBER.
        PERFORM VARYING ARG-INDEX FROM 1 BY 1 UNTIL ARG-INDEX > ARG-COUNT
            ACCEPT ARG-VALUE FROM ARGUMENT-VALUE
            DISPLAY FUNCTION TRIM(ARG-VALUE)
        END-PERFORM.
        STOP RUN.
  `,
  exit3: code`
    IDENTIFICATION DIVISION.
    PROGRAM-ID. MAIN.
    PROCEDURE DIVISION.
        STOP RUN RETURNING 3.
  `,
  runtimeError: {
    code: code`
      IDENTIFICATION DIVISION.
      PROGRAM-ID. MAIN.
      PROCEDURE DIVISION.
          CALL "MISSING-PROGRAM".
          STOP RUN.
    `,
    expect: /MISSING-PROGRAM.*not found/,
  },
  compileError: {
    code: code`
      IDENTIFICATION DIVISION.
      PROGRAM-ID. MAIN.
      PROCEDURE DIVISION.
          DISPLAY ANSWER.
          STOP RUN.
    `,
    expect: /'ANSWER' is not defined/,
  },
  twoFiles: [
    {
      name: 'main.cob',
      content: code`
        IDENTIFICATION DIVISION.
        PROGRAM-ID. MAIN.
        DATA DIVISION.
        WORKING-STORAGE SECTION.
        01 WHO PIC X(20) VALUE "two files".
        PROCEDURE DIVISION.
            CALL "GREET" USING WHO.
            STOP RUN.
      `,
    },
    {
      name: 'greet.cob',
      content: code`
        IDENTIFICATION DIVISION.
        PROGRAM-ID. GREET.
        DATA DIVISION.
        LINKAGE SECTION.
        01 WHO PIC X(20).
        PROCEDURE DIVISION USING WHO.
            DISPLAY "hello from " FUNCTION TRIM(WHO).
            GOBACK.
      `,
    },
  ],
};
