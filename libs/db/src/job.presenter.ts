import type {
  CallbackState,
  Comparison,
  ExecutionTimings,
  FunctionCall,
  FunctionError,
  FunctionLog,
  FunctionResult,
  JobLimits,
  JudgeSummary,
  NetworkRequest,
  StageResult,
  TestCaseResult,
} from '#contracts';
import type { JobRow } from './job.repository';

export interface JobView {
  id: string;
  status: string;
  outcome: string | null;
  language: string;
  version: string | null;
  args: string[];
  compileOptions: string[];
  limits: JobLimits;
  encoding: string;
  comparison: Comparison | null;
  compile: StageResult | null;
  run: StageResult | null;
  tests: TestCaseResult[] | null;
  summary: JudgeSummary | null;
  callbackUrl: string | null;
  callback: CallbackState | null;
  message: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  queueMs: number | null;
  totalMs: number | null;
  /** Time in sandboxes and whether a warm container ran the program; totalMs minus sandboxMs is the platform's own time. */
  timings: ExecutionTimings | null;
  /** Function mode only: the function called (inputs are not echoed), the network asked for, and what came back. */
  function?: { name: string | null };
  network?: NetworkRequest | null;
  result?: unknown;
  logs?: FunctionLog[] | null;
  logsTruncated?: boolean;
  error?: FunctionError | null;
}

function functionFields(row: JobRow): Partial<JobView> {
  const call = row.functionCall as unknown as FunctionCall | null;
  if (!call) return {};
  const done = (row.functionResult as unknown as FunctionResult | null) ?? null;
  return {
    function: { name: call.name },
    network: (row.network as unknown as NetworkRequest | null) ?? null,
    result: done ? done.result : null,
    logs: done ? done.logs : null,
    logsTruncated: done ? done.logsTruncated : false,
    error: done ? done.error : null,
  };
}

const toBase64 = (stage: StageResult): StageResult =>
  stage.encoding === 'base64'
    ? stage
    : {
        ...stage,
        stdout: Buffer.from(stage.stdout).toString('base64'),
        stderr: Buffer.from(stage.stderr).toString('base64'),
        encoding: 'base64',
      };

/**
 * The public JSON shape of a job. Source, stdin and expected outputs are not echoed back.
 * With `base64`, every output is given base64-encoded (binary output always is, flagged by `encoding`).
 */
export function presentJob(row: JobRow, options: { base64?: boolean } = {}): JobView {
  const stage = (value: unknown) => {
    const result = (value as StageResult | null) ?? null;
    return result && options.base64 ? toBase64(result) : result;
  };
  const tests = (row.testResults as unknown as TestCaseResult[] | null) ?? null;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    status: row.status,
    outcome: row.outcome,
    language: row.language,
    version: row.version,
    args: row.args as string[],
    compileOptions: row.compileOptions as string[],
    limits: row.limits as unknown as JobLimits,
    encoding: row.encoding,
    comparison: (row.comparison as unknown as Comparison | null) ?? null,
    compile: stage(row.compile),
    run: stage(row.run),
    tests: tests && options.base64 ? tests.map((t) => ({ ...t, ...toBase64(t) })) : tests,
    summary: (row.summary as unknown as JudgeSummary | null) ?? null,
    callbackUrl: row.callbackUrl,
    callback: (row.callback as unknown as CallbackState | null) ?? null,
    message: row.message,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    queueMs: row.startedAt ? row.startedAt.getTime() - row.createdAt.getTime() : null,
    totalMs: row.finishedAt ? row.finishedAt.getTime() - row.createdAt.getTime() : null,
    timings: (row.timings as unknown as ExecutionTimings | null) ?? null,
    ...functionFields(row),
  };
}
