import { code, type LanguagePrograms } from '../program-kit';

export const programs: LanguagePrograms = {
  hello: code`
    cat("hello\n")
  `,
  sum: code`
    lines <- readLines(file("stdin"), n = 2)
    numbers <- as.integer(lines)
    cat(sum(numbers), "\n", sep = "")
  `,
  args: code`
    args <- commandArgs(trailingOnly = TRUE)
    for (arg in args) cat(arg, "\n", sep = "")
  `,
  exit3: code`
    quit(save = "no", status = 3)
  `,
  runtimeError: {
    code: code`
      check_positive <- function(x) {
        if (x <= 0) stop("x must be positive")
        x
      }
      check_positive(-1)
    `,
    expect: /x must be positive/,
  },
  twoFiles: [
    {
      name: 'main.R',
      content: code`
        source("greet.R")

        cat(greeting("two files"), "\n", sep = "")
      `,
    },
    {
      name: 'greet.R',
      content: code`
        greeting <- function(name) {
          paste("hello from", name)
        }
      `,
    },
  ],
};
