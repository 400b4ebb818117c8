import type { LanguageDefinition } from './language.types';

/** Every language runq can run. Adding one = one entry here + one images/<image>/Dockerfile. */
export const LANGUAGES: readonly LanguageDefinition[] = [
  {
    id: 'python',
    name: 'Python 3',
    aliases: ['py', 'python3'],
    image: 'python',
    fileName: 'main.py',
    sourceExtensions: ['.py'],
    run: ['python3', '-u', '{entry}'],
    version: ['python3', '--version'],
    hello: 'print("hello")\n',
  },
  {
    id: 'javascript',
    name: 'JavaScript (Node.js)',
    aliases: ['js', 'node', 'nodejs'],
    image: 'node',
    fileName: 'main.js',
    sourceExtensions: ['.js', '.mjs', '.cjs'],
    run: ['node', '{entry}'],
    version: ['node', '--version'],
    hello: 'console.log("hello");\n',
  },
  {
    id: 'c',
    name: 'C (GCC)',
    aliases: ['gcc'],
    image: 'gcc',
    fileName: 'main.c',
    sourceExtensions: ['.c'],
    compile: ['gcc', '-O2', '-pipe', '-std=gnu17', '-o', 'main', '{sources}', '-lm'],
    run: ['./main'],
    version: ['gcc', '-dumpfullversion'],
    hello: '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n',
  },
];
