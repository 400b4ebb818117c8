/** The programs measured, the same for runq and for both baselines. */
export interface BenchProgram {
  id: string;
  language: string;
  code: string;
  /** Limits for runq and baseline A (baseline A uses the same container flags). */
  cpus: number;
  /** Baseline A: argv inside a hardened container of the language's image. */
  dockerArgv: string[];
  image: string;
  /** Baseline B: the bare program on the host (argv), or null when the host lacks the toolchain. */
  hostArgv: string[] | null;
  /** More request fields (function mode: inputs), and the `result` the job must return. */
  request?: Record<string, unknown>;
  result?: unknown;
}

const FIB = 'def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(30))\n';
const C_HELLO = '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n';

export const PROGRAMS: BenchProgram[] = [
  {
    id: 'python-hello',
    language: 'python',
    code: 'print("hello")\n',
    cpus: 0.5,
    image: 'python',
    dockerArgv: ['python3', '-c', 'print("hello")'],
    hostArgv: ['python3', '-c', 'print("hello")'],
  },
  {
    id: 'node-hello',
    language: 'javascript',
    code: 'console.log("hello");\n',
    cpus: 0.5,
    image: 'node',
    dockerArgv: ['node', '-e', 'console.log("hello")'],
    hostArgv: [process.execPath, '-e', 'console.log("hello")'],
  },
  {
    id: 'c-hello',
    language: 'c',
    code: C_HELLO,
    cpus: 0.5,
    image: 'gcc',
    // A naive runner compiles and runs in one container.
    dockerArgv: [
      'sh',
      '-c',
      `printf '%s' '${C_HELLO.replaceAll("'", "'\\''")}' > /work/main.c && gcc -O2 -o /work/main /work/main.c && /work/main`,
    ],
    hostArgv: null, // filled with a binary compiled once on the host, when gcc is there
  },
  {
    // Function mode, expression form: the harness, inputs and result frame on top of node-hello.
    id: 'node-function',
    language: 'javascript',
    code: 'INPUTS.x + INPUTS.y',
    request: { inputs: { x: 5, y: 10 } },
    result: 15,
    cpus: 0.5,
    image: 'node',
    dockerArgv: ['node', '-e', 'console.log(5 + 10)'],
    hostArgv: [process.execPath, '-e', 'console.log(5 + 10)'],
  },
  {
    // The same function in isolate mode: a fresh V8 isolate in a warm sandbox host instead of a container.
    id: 'node-function-isolate',
    language: 'javascript',
    code: 'INPUTS.x + INPUTS.y',
    request: { inputs: { x: 5, y: 10 }, isolation: 'isolate' },
    result: 15,
    cpus: 0.5,
    image: 'node',
    dockerArgv: ['node', '-e', 'console.log(5 + 10)'],
    hostArgv: [process.execPath, '-e', 'console.log(5 + 10)'],
  },
  {
    id: 'python-fib30',
    language: 'python',
    code: FIB,
    cpus: 1,
    image: 'python',
    dockerArgv: ['python3', '-c', FIB],
    hostArgv: ['python3', '-c', FIB],
  },
];
