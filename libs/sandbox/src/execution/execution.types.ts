import type { ArtifactRequest, Comparison, ExecutionResult, Isolation, JobLimits } from '#contracts';
import type { LanguageDefinition } from '#languages';

export interface ExecutionFile {
  /** Safe relative path, already validated. */
  name: string;
  data: Buffer;
}

export interface ExecutionRequest {
  jobId: string;
  language: LanguageDefinition;
  /** files[0] is the entry. */
  files: ExecutionFile[];
  stdin: Buffer;
  args: string[];
  /** Already checked against the language's allowlist. */
  compileOptions?: string[];
  limits: JobLimits;
  labels?: Record<string, string>;
  signal?: AbortSignal;
  /** With a plain run: stdout is compared with it (outcome wrong_answer when it differs). */
  expectedOutput?: Buffer;
  /** A plain run: how many times the program runs, stopping at the first run that is not ok (default 1). */
  runs?: number;
  /** Test cases: one compile, then one fresh sandbox per case. */
  tests?: ExecutionTestCase[];
  comparison?: Comparison;
  /** Function mode: the harness calls `name(inputs)` or evaluates the entry as a script. */
  function?: FunctionSpec;
  /** Files to bring back from the work directory after each run stage. */
  artifacts?: ArtifactRequest;
}

export interface FunctionSpec {
  name: string | null;
  inputs: unknown;
  /** Host patterns the function may reach through the egress proxy; null: no network. */
  network: string[] | null;
  /** `isolate`: run in a sandbox host's isolate when the worker has them (else in a container). */
  isolation?: Isolation;
}

export interface ExecutionTestCase {
  stdin: Buffer;
  expectedOutput: Buffer;
  args?: string[];
  timeoutMs?: number;
  cpuTimeMs?: number;
}

export interface ExecutionSettings {
  imagePrefix: string;
  /** Container runtime of every sandbox, unless the language has an override. */
  runtime: string;
  /** language id -> runtime (e.g. java -> runsc). */
  runtimeOverrides?: Record<string, string>;
  compile: { timeoutMs: number; memoryMb: number };
  /** Time allowed on top of the job's timeout for container start-up before the outside kill. */
  startGraceMs: number;
  /** Test cases of one job run at most this many at once. */
  testParallelism: number;
  /** Function mode: caps on the returned JSON and on logs. */
  function?: { maxResultBytes: number; maxLogBytes: number };
}

export type ExecutionOutcome = (ExecutionResult & { cancelled?: false }) | { cancelled: true };

/** The platform could not run the job (image missing, engine down, runner broken): retry. */
export class SandboxError extends Error {}
