import type { LanguageDefinition } from '../language.types';

/** Lisps and logic programming, interpreted (or compiled on the fly): one run stage. */
export const SYMBOLIC_LANGUAGES: LanguageDefinition[] = [
  {
    id: 'commonlisp',
    name: 'Common Lisp (SBCL)',
    aliases: ['sbcl', 'lisp', 'cl'],
    image: 'lisp',
    fileName: 'main.lisp',
    sourceExtensions: ['.lisp', '.lsp', '.cl'],
    run: ['sbcl', '--script', '{entry}'],
    version: ['sbcl', '--version'],
    env: ['HOME=/tmp'],
    limits: { memoryMb: 256 },
    hello: '(write-line "hello")\n',
  },
  {
    id: 'scheme',
    name: 'Scheme (Guile)',
    aliases: ['guile'],
    image: 'lisp',
    fileName: 'main.scm',
    sourceExtensions: ['.scm', '.ss'],
    // Auto-compilation would write a cache under HOME; the interpreter starts faster anyway.
    run: ['guile', '--no-auto-compile', '-s', '{entry}'],
    version: ['guile', '--version'],
    env: ['HOME=/tmp'],
    hello: '(display "hello")\n(newline)\n',
  },
  {
    id: 'prolog',
    name: 'Prolog (SWI-Prolog)',
    aliases: ['swipl', 'swi-prolog'],
    image: 'prolog',
    fileName: 'main.pl',
    sourceExtensions: ['.pl', '.pro'],
    run: ['swipl', '{entry}'],
    version: ['swipl', '--version'],
    env: ['HOME=/tmp'],
    limits: { memoryMb: 256 },
    hello: ':- initialization(main, main).\n\nmain :- writeln(hello).\n',
  },
];
