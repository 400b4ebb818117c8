/** The JSON shapes the pages read (see apps/api/src/admin and libs/db/src/job.presenter.ts). */
export interface StageResult {
  stdout: string;
  stderr: string;
  encoding: 'utf8' | 'base64';
  exitCode: number | null;
  signal: string | null;
  wallMs: number;
  cpuMs: number;
  memoryBytes: number;
  truncated: boolean;
}

export interface TestCaseResult extends StageResult {
  index: number;
  outcome: string;
}

export interface JobView {
  id: string;
  status: string;
  outcome: string | null;
  language: string;
  version: string | null;
  args: string[];
  compileOptions: string[];
  limits: Record<string, number>;
  encoding: string;
  compile: StageResult | null;
  run: StageResult | null;
  tests: TestCaseResult[] | null;
  summary: { passed: number; total: number; firstFailure: number | null } | null;
  callbackUrl: string | null;
  callback: { status: string; attempts: number; lastError: string | null } | null;
  message: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  queueMs: number | null;
  totalMs: number | null;
  timings: { sandboxMs: number; warm: boolean; runtime?: string } | null;
}

export interface JobDetail extends JobView {
  files: { name: string; content: string; encoding: string }[];
  stdin: string;
  expectedOutput: string | null;
  testCases: { stdin?: string; expectedOutput: string }[] | null;
  apiKey: { id: string; name: string; prefix: string; role: string } | null;
  worker: { id: string; host: string | null; runtime: string | null; alive: boolean } | null;
}

export interface JobSummary {
  id: string;
  status: string;
  outcome: string | null;
  language: string;
  version: string | null;
  apiKey: { id: string; name: string; prefix: string } | null;
  workerId: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  queueMs: number | null;
  totalMs: number | null;
}

export interface WorkerView {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  running: number;
  runtime: string;
  dockerOk: boolean;
  dockerError: string | null;
  languages: number;
  pool: Record<string, number>;
  poolHits: number;
  poolMisses: number;
  startedAt: string;
  lastHeartbeat: string;
  heartbeatAgeMs: number;
}

export interface Overview {
  at: string;
  queue: { waiting: number; prioritized: number; active: number; delayed: number; failed: number; oldestWaitingAgeMs: number };
  workers: WorkerView[];
  capacity: number;
  imageLanguages: Record<string, string[]>;
}

export interface SeriesSet {
  jobs: number[];
  runP50: (number | null)[];
  runP95: (number | null)[];
  queueP50: (number | null)[];
  queueP95: (number | null)[];
}

export interface JobStats {
  minutes: string[];
  all: SeriesSet;
  languages: Record<string, SeriesSet>;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  role: string;
  revokedAt: string | null;
}

export const STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'];
export const OUTCOMES = [
  'ok',
  'compile_error',
  'runtime_error',
  'timeout',
  'memory_limit',
  'output_limit',
  'wrong_answer',
  'internal_error',
];
export const FINAL = ['completed', 'failed', 'cancelled'];
