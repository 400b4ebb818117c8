/**
 * Judge0 CE 1.13.1's active language ids mapped onto runq's catalog, as data. `label` is
 * Judge0's name with `{v}` where runq's installed toolchain version goes; several ids may
 * share a runq language (Judge0 kept one id per compiler release).
 */
export interface Judge0Language {
  id: number;
  label: string;
  runq: string;
}

export const JUDGE0_LANGUAGES: readonly Judge0Language[] = [
  { id: 43, label: 'Plain Text', runq: 'plaintext' },
  { id: 45, label: 'Assembly (NASM {v})', runq: 'nasm' },
  { id: 46, label: 'Bash ({v})', runq: 'bash' },
  { id: 47, label: 'Basic (FBC {v})', runq: 'basic' },
  { id: 48, label: 'C (GCC {v})', runq: 'c' },
  { id: 49, label: 'C (GCC {v})', runq: 'c' },
  { id: 50, label: 'C (GCC {v})', runq: 'c' },
  { id: 51, label: 'C# (Mono {v})', runq: 'csharp' },
  { id: 52, label: 'C++ (GCC {v})', runq: 'cpp' },
  { id: 53, label: 'C++ (GCC {v})', runq: 'cpp' },
  { id: 54, label: 'C++ (GCC {v})', runq: 'cpp' },
  { id: 55, label: 'Common Lisp (SBCL {v})', runq: 'commonlisp' },
  { id: 56, label: 'D (DMD {v})', runq: 'd' },
  { id: 57, label: 'Elixir ({v})', runq: 'elixir' },
  { id: 58, label: 'Erlang (OTP {v})', runq: 'erlang' },
  { id: 59, label: 'Fortran (GFortran {v})', runq: 'fortran' },
  { id: 60, label: 'Go ({v})', runq: 'go' },
  { id: 61, label: 'Haskell (GHC {v})', runq: 'haskell' },
  { id: 62, label: 'Java (OpenJDK {v})', runq: 'java' },
  { id: 63, label: 'JavaScript (Node.js {v})', runq: 'javascript' },
  { id: 64, label: 'Lua ({v})', runq: 'lua' },
  { id: 65, label: 'OCaml ({v})', runq: 'ocaml' },
  { id: 66, label: 'Octave ({v})', runq: 'octave' },
  { id: 67, label: 'Pascal (FPC {v})', runq: 'pascal' },
  { id: 68, label: 'PHP ({v})', runq: 'php' },
  { id: 69, label: 'Prolog (GNU Prolog {v})', runq: 'prolog' },
  { id: 71, label: 'Python ({v})', runq: 'python' },
  { id: 72, label: 'Ruby ({v})', runq: 'ruby' },
  { id: 73, label: 'Rust ({v})', runq: 'rust' },
  { id: 74, label: 'TypeScript ({v})', runq: 'typescript' },
  { id: 75, label: 'C (Clang {v})', runq: 'c-clang' },
  { id: 76, label: 'C++ (Clang {v})', runq: 'cpp-clang' },
  { id: 77, label: 'COBOL (GnuCOBOL {v})', runq: 'cobol' },
  { id: 78, label: 'Kotlin ({v})', runq: 'kotlin' },
  { id: 79, label: 'Objective-C (Clang {v})', runq: 'objectivec' },
  { id: 80, label: 'R ({v})', runq: 'r' },
  { id: 81, label: 'Scala ({v})', runq: 'scala' },
  { id: 82, label: 'SQL (SQLite {v})', runq: 'sql' },
  { id: 83, label: 'Swift ({v})', runq: 'swift' },
  { id: 85, label: 'Perl ({v})', runq: 'perl' },
  { id: 86, label: 'Clojure ({v})', runq: 'clojure' },
  { id: 88, label: 'Groovy ({v})', runq: 'groovy' },
];

/** Judge0's archived ids (older toolchains): refused with Judge0's "archived" message. */
export const JUDGE0_ARCHIVED_MAX_ID = 42;

const BY_ID = new Map(JUDGE0_LANGUAGES.map((l) => [l.id, l]));

export function judge0Language(id: number): Judge0Language | undefined {
  return BY_ID.get(id);
}

/** The Judge0 id a runq job's language is shown under: the highest (newest) id that maps to it. */
export function judge0IdOf(runqLanguage: string): number | null {
  let found: number | null = null;
  for (const l of JUDGE0_LANGUAGES) if (l.runq === runqLanguage) found = l.id;
  return found;
}

/** Judge0's name with runq's installed version ("Python (3.13.5)"); without one, the label without the version. */
export function judge0LanguageName(language: Judge0Language, version: string | null): string {
  if (!language.label.includes('{v}')) return language.label;
  return version ? language.label.replace('{v}', version) : language.label.replace(/ ?\(?[A-Za-z.# -]*\{v\}\)?/, '').trim();
}
