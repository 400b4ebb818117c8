/**
 * Conformance programs: the same small set of programs, written idiomatically in every
 * language of the catalog, one file per language in ./languages. The spec
 * (../conformance.e2e-spec.ts) runs each of them through POST /execute and checks stdout,
 * exit codes and outcomes.
 *
 * Every language id of LANGUAGES must have an entry here (checked by `conformanceLanguages`),
 * so adding a language to the catalog without conformance programs fails the suite.
 */
import { LANGUAGES } from '#languages';
import type { LanguageDefinition } from '#languages';
import type { LanguagePrograms } from './program-kit';
import { programs as ada } from './languages/ada';
import { programs as awk } from './languages/awk';
import { programs as bash } from './languages/bash';
import { programs as basic } from './languages/basic';
import { programs as c } from './languages/c';
import { programs as cClang } from './languages/c-clang';
import { programs as clojure } from './languages/clojure';
import { programs as cobol } from './languages/cobol';
import { programs as coffeescript } from './languages/coffeescript';
import { programs as commonlisp } from './languages/commonlisp';
import { programs as cpp } from './languages/cpp';
import { programs as cppClang } from './languages/cpp-clang';
import { programs as crystal } from './languages/crystal';
import { programs as csharp } from './languages/csharp';
import { programs as d } from './languages/d';
import { programs as elixir } from './languages/elixir';
import { programs as erlang } from './languages/erlang';
import { programs as fortran } from './languages/fortran';
import { programs as go } from './languages/go';
import { programs as groovy } from './languages/groovy';
import { programs as haskell } from './languages/haskell';
import { programs as haxe } from './languages/haxe';
import { programs as java } from './languages/java';
import { programs as javascript } from './languages/javascript';
import { programs as kotlin } from './languages/kotlin';
import { programs as lua } from './languages/lua';
import { programs as nasm } from './languages/nasm';
import { programs as objectivec } from './languages/objectivec';
import { programs as ocaml } from './languages/ocaml';
import { programs as octave } from './languages/octave';
import { programs as pascal } from './languages/pascal';
import { programs as perl } from './languages/perl';
import { programs as php } from './languages/php';
import { programs as plaintext } from './languages/plaintext';
import { programs as prolog } from './languages/prolog';
import { programs as pypy } from './languages/pypy';
import { programs as python } from './languages/python';
import { programs as pythonMl } from './languages/python-ml';
import { programs as r } from './languages/r';
import { programs as racket } from './languages/racket';
import { programs as ruby } from './languages/ruby';
import { programs as rust } from './languages/rust';
import { programs as scala } from './languages/scala';
import { programs as scheme } from './languages/scheme';
import { programs as sql } from './languages/sql';
import { programs as swift } from './languages/swift';
import { programs as tcl } from './languages/tcl';
import { programs as typescript } from './languages/typescript';
import { programs as vala } from './languages/vala';

export * from './program-kit';

export const PROGRAMS: Record<string, LanguagePrograms> = {
  python,
  'python-ml': pythonMl,
  pypy,
  javascript,
  coffeescript,
  ruby,
  php,
  bash,
  perl,
  lua,
  sql,
  r,
  elixir,
  erlang,
  racket,
  tcl,
  awk,
  basic,
  octave,
  plaintext,
  commonlisp,
  scheme,
  prolog,
  typescript,
  java,
  kotlin,
  scala,
  groovy,
  clojure,
  csharp,
  haxe,
  c,
  cpp,
  fortran,
  objectivec,
  ada,
  cobol,
  nasm,
  vala,
  go,
  rust,
  haskell,
  ocaml,
  pascal,
  swift,
  'c-clang': cClang,
  'cpp-clang': cppClang,
  d,
  crystal,
};

/** The catalog's languages, each with its programs (undefined when none were written yet). */
export function conformanceLanguages(): { language: LanguageDefinition; programs: LanguagePrograms | undefined }[] {
  return LANGUAGES.map((language) => ({ language, programs: PROGRAMS[language.id] }));
}
