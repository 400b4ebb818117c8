import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    (display "hello")
    (newline)
  `,
  sum: code`
    (use-modules (ice-9 rdelim))

    (let* ((a (string->number (read-line)))
           (b (string->number (read-line))))
      (display (+ a b))
      (newline))
  `,
  args: code`
    (for-each (lambda (arg) (display arg) (newline))
              (cdr (command-line)))
  `,
  exit3: code`
    (exit 3)
  `,
  runtimeError: {
    code: code`
      (define users '())
      (display (car users))
    `,
    expect: /Wrong type \(expecting pair\)/,
  },
  twoFiles: [
    {
      name: 'main.scm',
      content: code`
        (load "greet.scm")

        (display (greeting "two files"))
        (newline)
      `,
    },
    {
      name: 'greet.scm',
      content: code`
        (define (greeting name)
          (string-append "hello from " name))
      `,
    },
  ],
};
