import type { Artifact } from './artifact.types';
import type { ExecutionTimings, JobLimits, StageResult } from './job.types';
import type { CallbackState } from './queue.contract';
import type { FunctionError, FunctionLog, Isolation, NetworkRequest } from './function.types';
import type { Comparison, JudgeSummary, TestCaseResult } from './judging.types';

/** The public JSON shape of a job (GET /jobs/:id). Sources, stdin and expected outputs are not echoed back. */
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
  /** The job's artifact patterns and what they collected (with bytes only in single-job views); absent when it asked for none. */
  artifactPatterns?: string[];
  artifacts?: Artifact[] | null;
  /** Function mode only: the function called (inputs are not echoed), the network asked for, and what came back. */
  function?: { name: string | null };
  network?: NetworkRequest | null;
  isolation?: Isolation;
  result?: unknown;
  logs?: FunctionLog[] | null;
  logsTruncated?: boolean;
  error?: FunctionError | null;
}
