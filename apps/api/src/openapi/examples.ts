/**
 * Example requests and answers of the OpenAPI document. Request examples are sent to a real
 * stack by test/e2e/openapi.e2e-spec.ts, so each must pass validation: keep them runnable,
 * quick, and free of callbackUrl (a delivery would leave the machine).
 */

const ID = '6b6c5831-3c2e-4f0e-9a57-0f5f0a3c2d11';
const LIMITS = { timeoutMs: 5000, cpuTimeMs: 5000, memoryMb: 128, cpus: 0.5, processes: 64, outputBytes: 1048576 };
const STAGE = {
  stdout: 'hello\n',
  stderr: '',
  encoding: 'utf8',
  exitCode: 0,
  signal: null,
  wallMs: 28.6,
  cpuMs: 67.2,
  memoryBytes: 4329472,
  truncated: false,
  timeLimit: null,
};

export const jobRequestExamples = {
  hello: { summary: 'One file', value: { language: 'python', code: 'print("hello")' } },
  files: {
    summary: 'Several files, arguments and limits',
    value: {
      language: 'python',
      files: [
        { name: 'main.py', content: 'import util, sys\nprint(util.twice(sys.argv[1]))' },
        { name: 'util.py', content: 'def twice(s): return s*2' },
      ],
      args: ['ab'],
      limits: { timeoutMs: 2000, memoryMb: 64 },
    },
  },
  stdin: {
    summary: 'Compiled, with stdin and compiler flags',
    value: {
      language: 'c',
      code: '#include <stdio.h>\nint main(){int a,b;scanf("%d %d",&a,&b);printf("%d\\n",a+b);}',
      stdin: '2 40',
      compileOptions: ['-O2'],
    },
  },
  tests: {
    summary: 'Judged against test cases',
    value: {
      language: 'python',
      code: 'n = int(input())\nprint(n * n)',
      tests: [
        { stdin: '3', expectedOutput: '9' },
        { stdin: '4', expectedOutput: '16' },
      ],
      comparison: { mode: 'trailing_whitespace' },
    },
  },
  base64: {
    summary: 'Binary stdin (base64)',
    value: { language: 'bash', code: 'cat', encoding: 'base64', stdin: 'AAECAwQ=' },
  },
  functionCall: {
    summary: 'Function mode: call run(inputs), get its JSON value and logs',
    value: {
      language: 'javascript',
      code: 'export function run(inputs) {\n  console.info("doubling", inputs.n);\n  return { twice: inputs.n * 2 };\n}',
      function: { name: 'run', inputs: { n: 21 } },
    },
  },
  functionExpression: {
    summary: "Function mode: a script's last expression, with top-level inputs",
    value: { language: 'python', code: 'sum(INPUTS["n"])', inputs: { n: [1, 2, 3] } },
  },
  artifacts: {
    summary: 'Artifacts: a plot and a table the program writes come back',
    value: {
      language: 'python-ml',
      code: 'import pandas as pd\nframe = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})\nframe.to_csv("table.csv", index=False)\nframe.plot().figure.savefig("plot.png")',
      artifacts: ['*.png', '*.csv'],
    },
  },
};

export const batchRequestExamples = {
  mixed: {
    summary: 'Two jobs; each item is created or carries its own error',
    value: { jobs: [jobRequestExamples.hello.value, { language: 'javascript', code: 'console.log(2)' }] },
  },
};

export const queuedJob = {
  id: ID,
  status: 'queued',
  outcome: null,
  language: 'python',
  version: null,
  args: [],
  compileOptions: [],
  limits: LIMITS,
  encoding: 'utf8',
  comparison: null,
  compile: null,
  run: null,
  tests: null,
  summary: null,
  callbackUrl: null,
  callback: null,
  message: null,
  attempts: 0,
  createdAt: '2026-11-21T08:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  queueMs: null,
  totalMs: null,
  timings: null,
};

export const finishedJob = {
  ...queuedJob,
  status: 'completed',
  outcome: 'ok',
  version: '3.13.5',
  run: STAGE,
  attempts: 1,
  startedAt: '2026-11-21T08:00:00.006Z',
  finishedAt: '2026-11-21T08:00:00.063Z',
  queueMs: 6,
  totalMs: 63,
  timings: { sandboxMs: 52.7, warm: true },
};

export const judgedJob = {
  ...finishedJob,
  outcome: 'wrong_answer',
  run: null,
  tests: [
    { ...STAGE, stdout: '9\n', index: 0, outcome: 'ok' },
    {
      ...STAGE,
      stdout: '15\n',
      index: 1,
      outcome: 'wrong_answer',
      diff: { line: 1, column: 2, expected: '16', actual: '15', encoding: 'utf8' },
    },
  ],
  summary: { passed: 1, total: 2, firstFailure: 1, maxWallMs: 31.2, maxMemoryBytes: 4390912 },
  message: '1/2 test cases passed; first failure: case 1 (wrong_answer): line 1, column 2: expected "16", got "15"',
};

export const functionJob = {
  ...finishedJob,
  language: 'javascript',
  version: '18.19.0',
  run: { ...STAGE, stdout: '' },
  function: { name: 'run' },
  network: null,
  result: { twice: 42 },
  logs: [{ ts: '2026-11-21T08:00:00.041Z', level: 'info', message: 'doubling 21' }],
  logsTruncated: false,
  error: null,
};

export const failedFunctionJob = {
  ...functionJob,
  outcome: 'runtime_error',
  run: { ...STAGE, stdout: '', exitCode: 1 },
  result: null,
  logs: [],
  error: { name: 'TypeError', message: 'bad', stack: 'TypeError: bad\n    at run (/work/main.js:2:9)', line: 2, column: 9 },
  message: 'TypeError: bad',
};

export const cancelledJob = { ...queuedJob, status: 'cancelled', finishedAt: '2026-11-21T08:00:01.000Z', message: 'cancelled by request' };

export const errors = {
  notJson: {
    summary: 'The body is not sent as JSON',
    value: { statusCode: 415, message: 'Content-Type must be application/json', error: 'Unsupported Media Type' },
  },
  tooLarge: {
    summary: 'The body is over RUNQ_MAX_BODY_BYTES',
    value: { statusCode: 413, message: 'request body must be at most 2097152 bytes', error: 'Payload Too Large' },
  },
  validation: {
    summary: 'A field is wrong',
    value: { statusCode: 400, message: ['limits.timeoutMs must not be greater than 300000'], error: 'Bad Request' },
  },
  unauthorized: {
    summary: 'No or unknown API key',
    value: { statusCode: 401, message: 'an API key is required: send it in the X-API-Key header', error: 'Unauthorized' },
  },
  invalidJson: {
    summary: 'Not JSON',
    value: { statusCode: 400, message: 'body is not valid JSON: Unexpected end of JSON input', error: 'Bad Request' },
  },
  forbidden: {
    summary: 'A user key',
    value: { statusCode: 403, message: 'this endpoint needs an admin key', error: 'Forbidden' },
  },
  notFound: { summary: 'Unknown or not yours', value: { statusCode: 404, message: `job ${ID} was not found`, error: 'Not Found' } },
  rateLimited: {
    summary: 'Requests per minute spent',
    value: {
      statusCode: 429,
      message: 'rate limit exceeded: this API key may make 600 requests per minute; retry in 12 s',
      error: 'Too Many Requests',
    },
  },
  activeJobsLimit: {
    summary: 'Active-jobs cap reached',
    value: {
      statusCode: 429,
      message: 'this API key already has 100 jobs queued or running, its limit; retry when one finishes',
      error: 'Too Many Requests',
    },
  },
  queueFull: {
    summary: 'Queue full',
    value: {
      statusCode: 503,
      message: 'the job queue is full (10000 jobs waiting, limit 10000); retry in 5 s',
      error: 'Service Unavailable',
    },
  },
  activeJob: {
    summary: 'Queued or running',
    value: {
      statusCode: 409,
      message: `job ${ID} is running: cancel it first, or delete it with force=true`,
      error: 'Conflict',
    },
  },
  unavailable: {
    summary: 'Postgres or Redis unreachable',
    value: { statusCode: 503, message: 'a backing service is unavailable; retry shortly', error: 'Service Unavailable' },
  },
};

export const languageExample = {
  id: 'python',
  name: 'Python 3',
  version: '3.13.5',
  versions: ['3.13.5'],
  aliases: ['py', 'python3'],
  compiled: false,
  fileName: 'main.py',
  sourceExtensions: ['.py'],
  limits: LIMITS,
  compileOptions: [],
  available: true,
  pool: 'default',
};

export const readinessExample = {
  status: 'ok',
  checks: {
    postgres: { ok: true, status: 'up', ms: 2 },
    redis: { ok: true, status: 'up', ms: 1 },
    workers: { ok: true, status: 'up', ms: 3, workers: 2, dockerReachable: 2 },
  },
};

export const backlogExample = {
  pool: 'default',
  backlog: 7,
  waiting: 3,
  prioritized: 0,
  delayedDue: 1,
  active: 3,
  oldestWaitingAgeMs: 1200,
  workers: 2,
  capacity: 8,
};

export const metricsExample = [
  '# HELP runq_http_request_duration_seconds HTTP requests by method, route template and status code',
  '# TYPE runq_http_request_duration_seconds histogram',
  'runq_http_request_duration_seconds_bucket{le="0.05",method="POST",route="/execute",status="200"} 12',
  '# HELP runq_queue_jobs Jobs in each BullMQ queue by state',
  '# TYPE runq_queue_jobs gauge',
  'runq_queue_jobs{queue="executions",state="waiting"} 0',
  '',
].join('\n');
