import type { ExecutionResult, JobLimits, StageResult } from '#contracts';
import type { ArchiveFile } from '../docker/job-archive';

/** A stage, or the whole execution, ended by a cancel. */
export interface Cancelled {
  cancelled: true;
}

/** One run of the program: its input, arguments and limits. */
export interface RunInput {
  stdin: Buffer;
  args: string[];
  limits: JobLimits;
}

/** A run stage read as an outcome, before a mode judges it. */
export interface InterpretedRun extends Omit<ExecutionResult, 'compile'> {
  run: StageResult;
  /** The program's stdout as bytes, for comparison with an expected output. */
  stdoutBytes: Buffer;
  /** Served by a warm container. */
  warm: boolean;
}

/** The program as its run stages receive it. */
export interface Program {
  /** Files under work/: the sources, or what the compile stage left there. */
  work: ArchiveFile[];
  /** The language's run command for the job's entry. */
  argv: string[];
  compile: StageResult | null;
}
