import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    (write-line "hello")
  `,
  sum: code`
    (let ((a (parse-integer (read-line)))
          (b (parse-integer (read-line))))
      (format t "~D~%" (+ a b)))
  `,
  args: code`
    (dolist (arg (rest sb-ext:*posix-argv*))
      (write-line arg))
  `,
  exit3: code`
    (sb-ext:exit :code 3)
  `,
  runtimeError: {
    code: code`
      (let ((answer (parse-integer "forty-two")))
        (print answer))
    `,
    expect: /junk in string "forty-two"/,
  },
  twoFiles: [
    {
      name: 'main.lisp',
      content: code`
        (load "greet.lisp")

        (write-line (greeting "two files"))
      `,
    },
    {
      name: 'greet.lisp',
      content: code`
        (defun greeting (name)
          (concatenate 'string "hello from " name))
      `,
    },
  ],
};
