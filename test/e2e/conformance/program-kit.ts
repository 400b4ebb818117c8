/** What a language's conformance programs look like (./languages/<id>.ts), and how they are written. */

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
  exit3: string | NotApplicable;
  /** Fails at run time the language's usual way: non-zero exit (or a signal) and something on stderr. */
  runtimeError: ErrorProgram | NotApplicable;
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
export function code(strings: TemplateStringsArray, ...values: never[]): string {
  if (values.length) throw new Error('program text takes no interpolations');
  const text = strings.raw[0]
    .replace(/\\([`$])/g, '$1')
    .replace(/^\n/, '')
    .replace(/\s+$/, '');
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

export const JVM_RUN_LIMITS = { timeoutMs: 20_000 };

export function isNotApplicable(value: unknown): value is NotApplicable {
  return typeof value === 'object' && value !== null && 'notApplicable' in value;
}
