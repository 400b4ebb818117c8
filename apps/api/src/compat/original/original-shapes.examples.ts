/** Request and answer examples of the original shapes (OpenAPI; the e2e of the document runs the first request of each). */

const example = <T>(summary: string, value: T) => ({ summary, value });

export const scriptCallExamples = {
  call: example('Call fn with the payload', {
    script: 'function add(p) {\n  console.log("adding", p.a, p.b);\n  return p.a + p.b;\n}',
    fn: 'add',
    payload: { a: 2, b: 3 },
    timeout: 5000,
    isolation: 'process',
  }),
  expression: example('Without fn: the last expression', { script: 'INPUTS.a * INPUTS.b', payload: { a: 6, b: 7 } }),
};

export const scriptCallAnswers = {
  result: example('The value and logs', { result: 5, logs: [{ ts: 1796198400041, level: 'log', message: 'adding 2 3' }] }),
  thrown: example('The function threw (HTTP 200)', { error: 'no such user' }),
  timeout: example('Past the timeout (HTTP 200)', { error: 'Execution timeout' }),
};

export const apiExecuteExamples = {
  javascript: example('JavaScript, console captured', { code: 'console.log("sum", { a: 1 }, 2);\n1 + 2' }),
  program: example('A program with stdin', {
    language: 'python',
    code: 'print(sum(map(int, input().split())))',
    input: '2 3\n',
    timeout: 5000,
  }),
};

export const consoleAnswers = {
  success: example('JavaScript: the value and the logged values', {
    status: 'success',
    result: 3,
    error: false,
    log: [{ type: 'log', timestamp: '2026-12-01T08:00:00.041Z', data: ['sum', { a: 1 }, 2] }],
    executionTime: 41,
  }),
  error: example('JavaScript: the code threw', {
    status: 'error',
    result: null,
    error: {
      name: 'TypeError',
      message: "Cannot read properties of undefined (reading 'x')",
      stack: "TypeError: Cannot read properties of undefined (reading 'x')\n    at /work/main.js:1:10",
    },
    log: [],
    executionTime: 38,
  }),
};

export const programAnswer = {
  success: true,
  language: 'python',
  output: '5\n',
  error: '',
  exitCode: 0,
  executionTime: 32,
  timestamp: '2026-12-01T08:00:00.120Z',
};

export const runExamples = {
  python: example('Python reading stdin', { code: 'print(input()[::-1])', input: 'stressed\n' }),
};

export const runAnswerExample = { stdout: 'desserts\n', stderr: '', exitCode: 0, output: 'desserts\n' };

export const languagesExample = [
  { id: 'python', name: 'Python', version: '3.13.5', aliases: ['py', 'python3'] },
  { id: 'c', name: 'C', version: '14.2.0', aliases: ['gcc'] },
];

export const systemExample = {
  workers: { live: 2, ready: 2, slots: 8, running: 1 },
  languages: { total: 48, available: 48 },
  limits: {
    defaults: { timeoutMs: 10000, cpuTimeMs: 10000, memoryMb: 256, cpus: 1, processes: 64, outputBytes: 65536 },
    maxima: { timeoutMs: 300000, cpuTimeMs: 300000, memoryMb: 2048, cpus: 4, processes: 256, outputBytes: 1048576 },
  },
  queue: {
    maxDepth: 10000,
    pools: [
      { pool: 'default', backlog: 1, waiting: 0, prioritized: 0, delayedDue: 0, active: 1, oldestWaitingAgeMs: 0, workers: 2, capacity: 8 },
    ],
  },
};
