import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    #lang racket/base

    (displayln "hello")
  `,
  sum: code`
    #lang racket/base

    (define a (string->number (read-line)))
    (define b (string->number (read-line)))
    (displayln (+ a b))
  `,
  args: code`
    #lang racket/base

    (for ([arg (current-command-line-arguments)])
      (displayln arg))
  `,
  exit3: code`
    #lang racket/base

    (exit 3)
  `,
  runtimeError: {
    code: code`
      #lang racket/base

      (define (average numbers)
        (/ (apply + numbers) (length numbers)))

      (displayln (average '()))
    `,
    expect: /division by zero/,
  },
  twoFiles: [
    {
      name: 'main.rkt',
      content: code`
        #lang racket/base

        (require "greet.rkt")

        (displayln (greeting "two files"))
      `,
    },
    {
      name: 'greet.rkt',
      content: code`
        #lang racket/base

        (provide greeting)

        (define (greeting name)
          (string-append "hello from " name))
      `,
    },
  ],
};
