import type { Artifact } from './artifact.types';
import type { FunctionResult, Isolation } from './function.types';
import type { JudgeSummary, TestCaseResult } from './judging.types';

/** The shared vocabulary of a job, used by API, worker, database and docs alike. */

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const FINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export const OUTCOMES = [
  'ok',
  'compile_error',
  'runtime_error',
  'timeout',
  'memory_limit',
  'output_limit',
  'wrong_answer',
  'internal_error',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface JobLimits {
  /** Wall-clock time of the run stage. */
  timeoutMs: number;
  /** CPU time of all the program's processes and threads together, in the run stage. */
  cpuTimeMs: number;
  memoryMb: number;
  cpus: number;
  processes: number;
  outputBytes: number;
}

export type FileEncoding = 'utf8' | 'base64';

/** How a job's webhook is sent: runq's signed POST of the job (null), or Judge0's PUT of its 8 default fields. */
export type CallbackFormat = 'judge0';

export interface SourceFile {
  name: string;
  content: string;
  encoding?: FileEncoding;
}

/** Which time limit ended a stage: the wall clock (`timeoutMs`, or the compile time limit) or the CPU time (`cpuTimeMs`). */
export type TimeLimit = 'wall' | 'cpu';

/**
 * Where a program's output first differs from the expected output. `line` and `column`
 * (1-based, in characters; in bytes for `base64`) are positions in the program's output;
 * `expected` and `actual` are the lines there, cut to 200 characters around the difference
 * (`…` marks a cut), null when that side has no such line.
 */
export interface OutputDiff {
  line: number;
  column: number;
  expected: string | null;
  actual: string | null;
  /** `base64` when either line is not text: both are then base64 of the line's bytes (cut to 200 bytes). */
  encoding: 'utf8' | 'base64';
}

/** What one stage (compile or run) of an execution produced. */
export interface StageResult {
  stdout: string;
  stderr: string;
  /** `base64` when the output is not valid UTF-8 (then both streams are base64). */
  encoding: 'utf8' | 'base64';
  exitCode: number | null;
  signal: string | null;
  wallMs: number | null;
  cpuMs: number | null;
  memoryBytes: number | null;
  truncated: boolean;
  /** Which time limit ended the stage, null when none did (absent in results stored before it was reported). */
  timeLimit?: TimeLimit | null;
  /** A wrong answer: where the output first differs from the expected output. */
  diff?: OutputDiff;
  /**
   * Run stage, when both streams had output: how they interleaved as they arrived, as runs of
   * bytes, positive from stdout and negative from stderr (the output as kept, before any cut
   * the runner's own report made).
   */
  outputOrder?: number[];
  /** Run stage of a job run several times (`runs` > 1): the other figures are the last run's, these the means over the runs made. */
  repeated?: RunRepetition;
}

/** The runs a repeated job made (it stops at the first that is not ok) and their mean time and memory. */
export interface RunRepetition {
  runs: number;
  wallMs: number | null;
  cpuMs: number | null;
  memoryBytes: number | null;
}

export interface ExecutionTimings {
  sandboxMs: number;
  warm: boolean;
  /** The container runtime the job's sandboxes ran under (`runc`, `runsc`). */
  runtime?: string;
  /** Function jobs: whether the code ran in its own container or in an isolate of a sandbox host. */
  isolation?: Isolation;
}

/** What the sandbox reports for one execution. */
export interface ExecutionResult {
  outcome: Outcome;
  compile: StageResult | null;
  run: StageResult | null;
  /** Per-case results when the job has test cases (then `run` is null). */
  tests?: TestCaseResult[] | null;
  summary?: JudgeSummary | null;
  /** Time spent in sandboxes (all stages, container start to removal request) and whether the run stage was warm. */
  timings?: ExecutionTimings;
  /** A short, user-facing explanation for outcomes other than ok. */
  message: string | null;
  /** Function mode: the returned value, logs and error. */
  function?: FunctionResult | null;
  /** Files the program left that match the job's `artifacts` patterns (absent when it asked for none). */
  artifacts?: Artifact[] | null;
}
