/**
 * Conformance programs: the same small set of programs, written idiomatically in every
 * language of the catalog. The spec (../conformance.e2e-spec.ts) runs each of them
 * through POST /execute and checks stdout, exit codes and outcomes.
 *
 * Every language id of LANGUAGES must have an entry here (checked by `conformanceLanguages`),
 * so adding a language to the catalog without conformance programs fails the suite.
 */
import { LANGUAGES } from '#languages';
import type { LanguageDefinition } from '#languages';

export interface ProgramFile {
  name: string;
  content: string;
}

/** A case that cannot apply to a language, with the reason (keep these to a minimum). */
export interface NotApplicable {
  notApplicable: string;
}

export interface ErrorProgram {
  code: string;
  /** What the program's stderr (runtime error) or the compiler's output (compile error) must contain. */
  expect: RegExp;
}

export interface LanguagePrograms {
  /** Prints "hello\n". */
  hello: string;
  /** Reads two lines of stdin ("19\n23\n"), each an integer, prints their sum ("42\n"). */
  sum: string | NotApplicable;
  /** Prints each command-line argument on its own line. */
  args: string | NotApplicable;
  /** Exits with status 3. */
  exit3: string;
  /** Fails at run time the language's usual way: non-zero exit (or a signal) and something on stderr. */
  runtimeError: ErrorProgram;
  /** Compiled languages only (those with a `compile` argv): a syntax or type error. */
  compileError?: ErrorProgram;
  /** Entry first; the entry uses something defined in another file and prints "hello from two files\n". */
  twoFiles: [ProgramFile, ...ProgramFile[]];
  /** Run-stage limits for every case of this language (compile limits come from the catalog). */
  limits?: { timeoutMs?: number; memoryMb?: number };
}

export const CASE_NAMES = ['hello', 'sum', 'args', 'exit3', 'runtimeError', 'compileError', 'twoFiles'] as const;
export type CaseName = (typeof CASE_NAMES)[number];

export const SUM_STDIN = '19\n23\n';
export const SUM_STDOUT = '42\n';
export const ARGS = ['one', 'two words'];
export const ARGS_STDOUT = 'one\ntwo words\n';
export const TWO_FILES_STDOUT = 'hello from two files\n';

/**
 * Template tag for program text: raw (backslashes stay as written, so `"\n"` in C is a
 * backslash and an n), `\`` and `\$` unescaped, the first newline and the common
 * indentation removed, exactly one trailing newline.
 */
function code(strings: TemplateStringsArray, ...values: never[]): string {
  if (values.length) throw new Error('program text takes no interpolations');
  const text = strings.raw[0]
    .replace(/\\([`$])/g, '$1')
    .replace(/^\n/, '')
    .replace(/\s+$/, '');
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

const JVM_RUN_LIMITS = { timeoutMs: 20_000 };

export const PROGRAMS: Record<string, LanguagePrograms> = {
  // ---------------------------------------------------------------- scripting
  python: {
    hello: code`
      print("hello")
    `,
    sum: code`
      a = int(input())
      b = int(input())
      print(a + b)
    `,
    args: code`
      import sys

      for arg in sys.argv[1:]:
          print(arg)
    `,
    exit3: code`
      import sys

      sys.exit(3)
    `,
    runtimeError: {
      code: code`
        value = int("forty-two")
        print(value)
      `,
      expect: /ValueError: invalid literal for int\(\)/,
    },
    twoFiles: [
      {
        name: 'main.py',
        content: code`
          from greet import greeting

          print(greeting("two files"))
        `,
      },
      {
        name: 'greet.py',
        content: code`
          def greeting(name: str) -> str:
              return f"hello from {name}"
        `,
      },
    ],
  },

  javascript: {
    hello: code`
      console.log("hello");
    `,
    sum: code`
      const fs = require("node:fs");

      const [a, b] = fs.readFileSync(0, "utf8").trim().split("\n").map(Number);
      console.log(a + b);
    `,
    args: code`
      for (const arg of process.argv.slice(2)) {
        console.log(arg);
      }
    `,
    exit3: code`
      process.exit(3);
    `,
    runtimeError: {
      code: code`
        const config = JSON.parse("{not json");
        console.log(config);
      `,
      expect: /SyntaxError/,
    },
    twoFiles: [
      {
        name: 'main.js',
        content: code`
          const { greeting } = require("./greet");

          console.log(greeting("two files"));
        `,
      },
      {
        name: 'greet.js',
        content: code`
          function greeting(name) {
            return \`hello from \${name}\`;
          }

          module.exports = { greeting };
        `,
      },
    ],
  },

  ruby: {
    hello: code`
      puts "hello"
    `,
    sum: code`
      a = Integer(gets)
      b = Integer(gets)
      puts a + b
    `,
    args: code`
      ARGV.each { |arg| puts arg }
    `,
    exit3: code`
      exit 3
    `,
    runtimeError: {
      code: code`
        value = Integer("forty-two")
        puts value
      `,
      expect: /invalid value for Integer\(\).*\(ArgumentError\)/,
    },
    twoFiles: [
      {
        name: 'main.rb',
        content: code`
          require_relative "greet"

          puts Greet.greeting("two files")
        `,
      },
      {
        name: 'greet.rb',
        content: code`
          module Greet
            def self.greeting(name)
              "hello from #{name}"
            end
          end
        `,
      },
    ],
  },

  php: {
    hello: code`
      <?php
      echo "hello\n";
    `,
    sum: code`
      <?php
      $a = (int) trim(fgets(STDIN));
      $b = (int) trim(fgets(STDIN));
      echo $a + $b, "\n";
    `,
    args: code`
      <?php
      foreach (array_slice($argv, 1) as $arg) {
          echo $arg, "\n";
      }
    `,
    exit3: code`
      <?php
      exit(3);
    `,
    runtimeError: {
      code: code`
        <?php
        $items = [];
        echo intdiv(10, count($items)), "\n";
      `,
      expect: /Uncaught DivisionByZeroError/,
    },
    twoFiles: [
      {
        name: 'main.php',
        content: code`
          <?php
          require_once __DIR__ . '/greet.php';

          echo greeting('two files'), "\n";
        `,
      },
      {
        name: 'greet.php',
        content: code`
          <?php
          function greeting(string $name): string
          {
              return "hello from $name";
          }
        `,
      },
    ],
  },

  bash: {
    hello: code`
      echo hello
    `,
    sum: code`
      read -r a
      read -r b
      echo $((a + b))
    `,
    args: code`
      for arg in "$@"; do
        printf '%s\n' "$arg"
      done
    `,
    exit3: code`
      exit 3
    `,
    runtimeError: {
      code: code`
        set -euo pipefail
        echo "config: $missing_setting"
      `,
      expect: /missing_setting: unbound variable/,
    },
    twoFiles: [
      {
        name: 'main.sh',
        content: code`
          source "$(dirname "\${BASH_SOURCE[0]}")/greet.sh"

          greeting "two files"
        `,
      },
      {
        name: 'greet.sh',
        content: code`
          greeting() {
            echo "hello from $1"
          }
        `,
      },
    ],
  },

  perl: {
    hello: code`
      use strict;
      use warnings;

      print "hello\n";
    `,
    sum: code`
      use strict;
      use warnings;

      chomp(my $first = <STDIN>);
      chomp(my $second = <STDIN>);
      print $first + $second, "\n";
    `,
    args: code`
      use strict;
      use warnings;

      print "$_\n" for @ARGV;
    `,
    exit3: code`
      exit 3;
    `,
    runtimeError: {
      code: code`
        use strict;
        use warnings;

        open(my $fh, '<', 'missing.txt') or die "cannot open missing.txt: $!\n";
      `,
      expect: /cannot open missing\.txt: No such file or directory/,
    },
    twoFiles: [
      {
        name: 'main.pl',
        content: code`
          use strict;
          use warnings;
          use FindBin;
          use lib $FindBin::Bin;
          use Greet qw(greeting);

          print greeting('two files'), "\n";
        `,
      },
      {
        name: 'Greet.pm',
        content: code`
          package Greet;

          use strict;
          use warnings;
          use Exporter 'import';

          our @EXPORT_OK = qw(greeting);

          sub greeting {
              my ($name) = @_;
              return "hello from $name";
          }

          1;
        `,
      },
    ],
  },

  lua: {
    hello: code`
      print("hello")
    `,
    sum: code`
      local a = tonumber(io.read("l"))
      local b = tonumber(io.read("l"))
      print(a + b)
    `,
    args: code`
      for _, value in ipairs(arg) do
        print(value)
      end
    `,
    exit3: code`
      os.exit(3)
    `,
    runtimeError: {
      code: code`
        local config = nil
        print(config.name)
      `,
      expect: /attempt to index a nil value/,
    },
    twoFiles: [
      {
        name: 'main.lua',
        content: code`
          local greet = require("greet")

          print(greet.greeting("two files"))
        `,
      },
      {
        name: 'greet.lua',
        content: code`
          local M = {}

          function M.greeting(name)
            return "hello from " .. name
          end

          return M
        `,
      },
    ],
  },

  sql: {
    hello: code`
      SELECT 'hello';
    `,
    // The sqlite3 shell reads the script with `.read main.sql`; the job's stdin is still
    // the process's stdin, which `.import` can read as a (one-column) table.
    sum: code`
      CREATE TABLE input (n INTEGER);
      .import /dev/stdin input
      SELECT sum(n) FROM input;
    `,
    args: {
      notApplicable:
        'sqlite3 runs the script with ".read main.sql"; extra argv words are executed by sqlite3 as further SQL commands, a script cannot see them',
    },
    exit3: code`
      .exit 3
    `,
    runtimeError: {
      code: code`
        CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        INSERT INTO users VALUES (1, 'ada');
        INSERT INTO users VALUES (1, 'grace');
      `,
      expect: /UNIQUE constraint failed: users\.id/,
    },
    twoFiles: [
      {
        name: 'main.sql',
        content: code`
          .read greet.sql
          SELECT message FROM greetings WHERE name = 'two files';
        `,
      },
      {
        name: 'greet.sql',
        content: code`
          CREATE TABLE names (name TEXT NOT NULL);
          INSERT INTO names VALUES ('one file'), ('two files');

          CREATE VIEW greetings AS
            SELECT name, 'hello from ' || name AS message FROM names;
        `,
      },
    ],
  },

  r: {
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
  },

  elixir: {
    hello: code`
      IO.puts("hello")
    `,
    sum: code`
      read_integer = fn -> IO.gets("") |> String.trim() |> String.to_integer() end
      a = read_integer.()
      b = read_integer.()
      IO.puts(a + b)
    `,
    args: code`
      Enum.each(System.argv(), &IO.puts/1)
    `,
    exit3: code`
      System.halt(3)
    `,
    runtimeError: {
      code: code`
        value = String.to_integer("forty-two")
        IO.puts(value)
      `,
      expect: /\(ArgumentError\)/,
    },
    twoFiles: [
      {
        name: 'main.exs',
        content: code`
          Code.require_file("greet.exs", __DIR__)

          IO.puts(Greet.greeting("two files"))
        `,
      },
      {
        name: 'greet.exs',
        content: code`
          defmodule Greet do
            def greeting(name), do: "hello from #{name}"
          end
        `,
      },
    ],
  },

  // escript always treats the first line as the header (#! line) and skips it.
  erlang: {
    hello: code`
      #!/usr/bin/env escript

      main(_Args) ->
          io:format("hello~n").
    `,
    sum: code`
      #!/usr/bin/env escript

      main(_Args) ->
          A = read_integer(),
          B = read_integer(),
          io:format("~B~n", [A + B]).

      read_integer() ->
          {ok, [N]} = io:fread("", "~d"),
          N.
    `,
    args: code`
      #!/usr/bin/env escript

      main(Args) ->
          lists:foreach(fun(Arg) -> io:format("~s~n", [Arg]) end, Args).
    `,
    exit3: code`
      #!/usr/bin/env escript

      main(_Args) ->
          halt(3).
    `,
    runtimeError: {
      code: code`
        #!/usr/bin/env escript

        main(Args) ->
            io:format("~B~n", [10 div length(Args)]).
      `,
      expect: /arithmetic expression/,
    },
    twoFiles: [
      {
        name: 'main.erl',
        content: code`
          #!/usr/bin/env escript
          -include("greet.hrl").

          main(_Args) ->
              io:format("~s~n", [greeting("two files")]).
        `,
      },
      {
        name: 'greet.hrl',
        content: code`
          greeting(Name) ->
              "hello from " ++ Name.
        `,
      },
    ],
  },

  racket: {
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
  },

  // ---------------------------------------------------------------- managed
  typescript: {
    hello: code`
      const greeting: string = "hello";
      console.log(greeting);
    `,
    sum: code`
      const input: string = require("fs").readFileSync(0, "utf8");
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
    compileError: {
      code: code`
        const answer: number = "forty-two";
        console.log(answer);
      `,
      expect: /error TS2322/,
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
  },

  java: {
    hello: code`
      public class Main {
          public static void main(String[] args) {
              System.out.println("hello");
          }
      }
    `,
    sum: code`
      import java.io.BufferedReader;
      import java.io.IOException;
      import java.io.InputStreamReader;

      public class Main {
          public static void main(String[] args) throws IOException {
              BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
              int a = Integer.parseInt(in.readLine().trim());
              int b = Integer.parseInt(in.readLine().trim());
              System.out.println(a + b);
          }
      }
    `,
    args: code`
      public class Main {
          public static void main(String[] args) {
              for (String arg : args) {
                  System.out.println(arg);
              }
          }
      }
    `,
    exit3: code`
      public class Main {
          public static void main(String[] args) {
              System.exit(3);
          }
      }
    `,
    runtimeError: {
      code: code`
        public class Main {
            public static void main(String[] args) {
                int[] numbers = new int[args.length];
                System.out.println(numbers[0]);
            }
        }
      `,
      expect: /java\.lang\.ArrayIndexOutOfBoundsException/,
    },
    compileError: {
      code: code`
        public class Main {
            public static void main(String[] args) {
                int answer = "forty-two";
                System.out.println(answer);
            }
        }
      `,
      expect: /incompatible types/,
    },
    twoFiles: [
      {
        name: 'Main.java',
        content: code`
          public class Main {
              public static void main(String[] args) {
                  Greeter greeter = new Greeter("two files");
                  System.out.println(greeter.greet());
              }
          }
        `,
      },
      {
        name: 'Greeter.java',
        content: code`
          public class Greeter {
              private final String name;

              public Greeter(String name) {
                  this.name = name;
              }

              public String greet() {
                  return "hello from " + name;
              }
          }
        `,
      },
    ],
    limits: JVM_RUN_LIMITS,
  },

  kotlin: {
    hello: code`
      fun main() {
          println("hello")
      }
    `,
    sum: code`
      fun main() {
          val a = readLine()!!.trim().toInt()
          val b = readLine()!!.trim().toInt()
          println(a + b)
      }
    `,
    args: code`
      fun main(args: Array<String>) {
          args.forEach { println(it) }
      }
    `,
    exit3: code`
      import kotlin.system.exitProcess

      fun main() {
          exitProcess(3)
      }
    `,
    runtimeError: {
      code: code`
        fun main() {
            val answer = "forty-two".toInt()
            println(answer)
        }
      `,
      expect: /java\.lang\.NumberFormatException/,
    },
    compileError: {
      code: code`
        fun main() {
            val answer: Int = "forty-two"
            println(answer)
        }
      `,
      expect: /type mismatch/i,
    },
    twoFiles: [
      {
        name: 'main.kt',
        content: code`
          fun main() {
              println(Greeter("two files").greet())
          }
        `,
      },
      {
        name: 'Greeter.kt',
        content: code`
          class Greeter(private val name: String) {
              fun greet() = "hello from $name"
          }
        `,
      },
    ],
    limits: JVM_RUN_LIMITS,
  },

  scala: {
    hello: code`
      object Main {
        def main(args: Array[String]): Unit = println("hello")
      }
    `,
    sum: code`
      import scala.io.StdIn

      object Main {
        def main(args: Array[String]): Unit = {
          val a = StdIn.readLine().trim.toInt
          val b = StdIn.readLine().trim.toInt
          println(a + b)
        }
      }
    `,
    args: code`
      object Main {
        def main(args: Array[String]): Unit = args.foreach(println)
      }
    `,
    exit3: code`
      object Main {
        def main(args: Array[String]): Unit = sys.exit(3)
      }
    `,
    runtimeError: {
      code: code`
        object Main {
          def main(args: Array[String]): Unit = {
            val answer = "forty-two".toInt
            println(answer)
          }
        }
      `,
      expect: /java\.lang\.NumberFormatException/,
    },
    compileError: {
      code: code`
        object Main {
          def main(args: Array[String]): Unit = {
            val answer: Int = "forty-two"
            println(answer)
          }
        }
      `,
      expect: /type mismatch/,
    },
    twoFiles: [
      {
        name: 'Main.scala',
        content: code`
          object Main {
            def main(args: Array[String]): Unit = println(Greeter.greet("two files"))
          }
        `,
      },
      {
        name: 'Greeter.scala',
        content: code`
          object Greeter {
            def greet(name: String): String = s"hello from $name"
          }
        `,
      },
    ],
    limits: JVM_RUN_LIMITS,
  },

  csharp: {
    hello: code`
      using System;

      class Program
      {
          static void Main()
          {
              Console.WriteLine("hello");
          }
      }
    `,
    sum: code`
      using System;

      class Program
      {
          static void Main()
          {
              int a = int.Parse(Console.ReadLine());
              int b = int.Parse(Console.ReadLine());
              Console.WriteLine(a + b);
          }
      }
    `,
    args: code`
      using System;

      class Program
      {
          static void Main(string[] args)
          {
              foreach (string arg in args)
              {
                  Console.WriteLine(arg);
              }
          }
      }
    `,
    exit3: code`
      using System;

      class Program
      {
          static void Main()
          {
              Environment.Exit(3);
          }
      }
    `,
    runtimeError: {
      code: code`
        using System;

        class Program
        {
            static void Main()
            {
                int answer = int.Parse("forty-two");
                Console.WriteLine(answer);
            }
        }
      `,
      expect: /System\.FormatException/,
    },
    compileError: {
      code: code`
        using System;

        class Program
        {
            static void Main()
            {
                int answer = "forty-two";
                Console.WriteLine(answer);
            }
        }
      `,
      expect: /error CS0029/,
    },
    twoFiles: [
      {
        name: 'Main.cs',
        content: code`
          using System;

          class Program
          {
              static void Main()
              {
                  var greeter = new Greeter("two files");
                  Console.WriteLine(greeter.Greet());
              }
          }
        `,
      },
      {
        name: 'Greeter.cs',
        content: code`
          class Greeter
          {
              private readonly string name;

              public Greeter(string name)
              {
                  this.name = name;
              }

              public string Greet()
              {
                  return "hello from " + name;
              }
          }
        `,
      },
    ],
  },

  // ---------------------------------------------------------------- native
  c: {
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
  },

  cpp: {
    hello: code`
      #include <iostream>

      int main() {
          std::cout << "hello" << std::endl;
      }
    `,
    sum: code`
      #include <iostream>

      int main() {
          long a = 0, b = 0;
          std::cin >> a >> b;
          std::cout << a + b << '\n';
      }
    `,
    args: code`
      #include <iostream>

      int main(int argc, char* argv[]) {
          for (int i = 1; i < argc; ++i) {
              std::cout << argv[i] << '\n';
          }
      }
    `,
    exit3: code`
      int main() {
          return 3;
      }
    `,
    runtimeError: {
      code: code`
        #include <iostream>
        #include <vector>

        int main() {
            std::vector<int> numbers{1, 2, 3};
            std::cout << numbers.at(3) << '\n';
        }
      `,
      expect: /std::out_of_range/,
    },
    compileError: {
      code: code`
        #include <string>

        int main() {
            std::string name = "runq";
            int length = name;
            return length;
        }
      `,
      expect: /cannot convert/,
    },
    twoFiles: [
      {
        name: 'main.cpp',
        content: code`
          #include <iostream>

          #include "greeter.hpp"

          int main() {
              Greeter greeter{"two files"};
              std::cout << greeter.greet() << '\n';
          }
        `,
      },
      {
        name: 'greeter.hpp',
        content: code`
          #pragma once

          #include <string>

          class Greeter {
          public:
              explicit Greeter(std::string name);
              std::string greet() const;

          private:
              std::string name_;
          };
        `,
      },
      {
        name: 'greeter.cpp',
        content: code`
          #include "greeter.hpp"

          #include <utility>

          Greeter::Greeter(std::string name) : name_(std::move(name)) {}

          std::string Greeter::greet() const { return "hello from " + name_; }
        `,
      },
    ],
  },

  fortran: {
    hello: code`
      program hello
        implicit none
        print '(a)', 'hello'
      end program hello
    `,
    sum: code`
      program add
        implicit none
        integer :: a, b
        read *, a
        read *, b
        print '(i0)', a + b
      end program add
    `,
    args: code`
      program arguments
        implicit none
        integer :: i, length
        character(len=:), allocatable :: arg
        do i = 1, command_argument_count()
          call get_command_argument(i, length=length)
          allocate (character(len=length) :: arg)
          call get_command_argument(i, arg)
          print '(a)', arg
          deallocate (arg)
        end do
      end program arguments
    `,
    exit3: code`
      program exit_three
        implicit none
        stop 3
      end program exit_three
    `,
    runtimeError: {
      code: code`
        program read_config
          implicit none
          integer :: unit
          open (newunit=unit, file='missing.txt', status='old', action='read')
          close (unit)
        end program read_config
      `,
      expect: /Fortran runtime error: Cannot open file 'missing\.txt'/,
    },
    compileError: {
      code: code`
        program broken
          implicit none
          integer :: answer
          answer = 'forty-two'
          print *, answer
        end program broken
      `,
      expect: /Error: Cannot convert CHARACTER/,
    },
    twoFiles: [
      {
        name: 'main.f90',
        content: code`
          program main
            use greet, only: greeting
            implicit none
            print '(a)', greeting('two files')
          end program main
        `,
      },
      {
        name: 'greet.f90',
        content: code`
          module greet
            implicit none
            private
            public :: greeting
          contains
            function greeting(name) result(text)
              character(len=*), intent(in) :: name
              character(len=:), allocatable :: text
              text = 'hello from ' // name
            end function greeting
          end module greet
        `,
      },
    ],
  },

  go: {
    hello: code`
      package main

      import "fmt"

      func main() {
      	fmt.Println("hello")
      }
    `,
    sum: code`
      package main

      import "fmt"

      func main() {
      	var a, b int
      	if _, err := fmt.Scan(&a, &b); err != nil {
      		panic(err)
      	}
      	fmt.Println(a + b)
      }
    `,
    args: code`
      package main

      import (
      	"fmt"
      	"os"
      )

      func main() {
      	for _, arg := range os.Args[1:] {
      		fmt.Println(arg)
      	}
      }
    `,
    exit3: code`
      package main

      import "os"

      func main() {
      	os.Exit(3)
      }
    `,
    runtimeError: {
      code: code`
        package main

        import (
        	"fmt"
        	"os"
        )

        func main() {
        	numbers := []int{1, 2, 3}
        	fmt.Println(numbers[len(os.Args)+2])
        }
      `,
      expect: /panic: runtime error: index out of range/,
    },
    compileError: {
      code: code`
        package main

        import "fmt"

        func main() {
        	var answer int = "forty-two"
        	fmt.Println(answer)
        }
      `,
      expect: /cannot use "forty-two"/,
    },
    twoFiles: [
      {
        name: 'main.go',
        content: code`
          package main

          import "fmt"

          func main() {
          	fmt.Println(greeting("two files"))
          }
        `,
      },
      {
        name: 'greet.go',
        content: code`
          package main

          func greeting(name string) string {
          	return "hello from " + name
          }
        `,
      },
    ],
  },

  rust: {
    hello: code`
      fn main() {
          println!("hello");
      }
    `,
    sum: code`
      use std::io::{self, BufRead};

      fn main() {
          let total: i64 = io::stdin()
              .lock()
              .lines()
              .take(2)
              .map(|line| line.expect("stdin").trim().parse::<i64>().expect("an integer"))
              .sum();
          println!("{}", total);
      }
    `,
    args: code`
      fn main() {
          for arg in std::env::args().skip(1) {
              println!("{}", arg);
          }
      }
    `,
    exit3: code`
      use std::process;

      fn main() {
          process::exit(3);
      }
    `,
    runtimeError: {
      code: code`
        fn main() {
            let answer: i32 = "forty-two".parse().expect("not a number");
            println!("{}", answer);
        }
      `,
      expect: /panicked at .*not a number/,
    },
    compileError: {
      code: code`
        fn main() {
            let answer: i32 = "forty-two";
            println!("{}", answer);
        }
      `,
      expect: /mismatched types/,
    },
    twoFiles: [
      {
        name: 'main.rs',
        content: code`
          mod greet;

          fn main() {
              println!("{}", greet::greeting("two files"));
          }
        `,
      },
      {
        name: 'greet.rs',
        content: code`
          pub fn greeting(name: &str) -> String {
              format!("hello from {}", name)
          }
        `,
      },
    ],
  },

  haskell: {
    hello: code`
      main :: IO ()
      main = putStrLn "hello"
    `,
    sum: code`
      main :: IO ()
      main = do
        a <- readLn :: IO Integer
        b <- readLn
        print (a + b)
    `,
    args: code`
      import System.Environment (getArgs)

      main :: IO ()
      main = getArgs >>= mapM_ putStrLn
    `,
    exit3: code`
      import System.Exit (ExitCode (ExitFailure), exitWith)

      main :: IO ()
      main = exitWith (ExitFailure 3)
    `,
    runtimeError: {
      code: code`
        main :: IO ()
        main = print (head ([] :: [Int]))
      `,
      expect: /Prelude\.head: empty list/,
    },
    compileError: {
      code: code`
        main :: IO ()
        main = putStrLn (length "forty-two")
      `,
      expect: /Couldn't match/,
    },
    twoFiles: [
      {
        name: 'Main.hs',
        content: code`
          module Main (main) where

          import Greet (greeting)

          main :: IO ()
          main = putStrLn (greeting "two files")
        `,
      },
      {
        name: 'Greet.hs',
        content: code`
          module Greet (greeting) where

          greeting :: String -> String
          greeting name = "hello from " ++ name
        `,
      },
    ],
  },

  ocaml: {
    hello: code`
      let () = print_endline "hello"
    `,
    sum: code`
      let () =
        let a = int_of_string (String.trim (read_line ())) in
        let b = int_of_string (String.trim (read_line ())) in
        Printf.printf "%d\n" (a + b)
    `,
    args: code`
      let () =
        Sys.argv |> Array.to_list |> List.tl |> List.iter print_endline
    `,
    exit3: code`
      let () = exit 3
    `,
    runtimeError: {
      code: code`
        let () =
          let answer = int_of_string "forty-two" in
          print_int answer
      `,
      expect: /Fatal error: exception Failure\("int_of_string"\)/,
    },
    compileError: {
      code: code`
        let () = print_endline 42
      `,
      expect: /This expression has type int/,
    },
    twoFiles: [
      {
        name: 'main.ml',
        content: code`
          let () = print_endline (Greet.greeting "two files")
        `,
      },
      {
        name: 'greet.ml',
        content: code`
          let greeting name = "hello from " ^ name
        `,
      },
    ],
  },

  pascal: {
    hello: code`
      program Hello;
      begin
        WriteLn('hello');
      end.
    `,
    sum: code`
      program Sum;
      var
        A, B: LongInt;
      begin
        ReadLn(A);
        ReadLn(B);
        WriteLn(A + B);
      end.
    `,
    args: code`
      program Args;
      var
        I: Integer;
      begin
        for I := 1 to ParamCount do
          WriteLn(ParamStr(I));
      end.
    `,
    exit3: code`
      program ExitThree;
      begin
        Halt(3);
      end.
    `,
    runtimeError: {
      code: code`
        program RuntimeError;

        uses SysUtils;

        var
          Answer: Integer;
        begin
          Answer := StrToInt('forty-two');
          WriteLn(Answer);
        end.
      `,
      expect: /EConvertError/,
    },
    compileError: {
      code: code`
        program Broken;
        var
          Answer: Integer;
        begin
          Answer := 'forty-two';
          WriteLn(Answer);
        end.
      `,
      expect: /Incompatible types/,
    },
    twoFiles: [
      {
        name: 'main.pas',
        content: code`
          program Main;

          uses Greet;

          begin
            WriteLn(Greeting('two files'));
          end.
        `,
      },
      {
        name: 'greet.pas',
        content: code`
          unit Greet;

          interface

          function Greeting(const Name: string): string;

          implementation

          function Greeting(const Name: string): string;
          begin
            Greeting := 'hello from ' + Name;
          end;

          end.
        `,
      },
    ],
  },
};

export function isNotApplicable(value: unknown): value is NotApplicable {
  return typeof value === 'object' && value !== null && 'notApplicable' in value;
}

/** The catalog's languages, each with its programs (undefined when none were written yet). */
export function conformanceLanguages(): { language: LanguageDefinition; programs: LanguagePrograms | undefined }[] {
  return LANGUAGES.map((language) => ({ language, programs: PROGRAMS[language.id] }));
}
