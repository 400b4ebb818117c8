import type { ExecutionResult, StageResult } from '#contracts';
import type { ArchiveFile } from '../docker/job-archive';
import type { ExecutionOutcome } from '../execution/execution.types';
import type { Program } from '../execution/run.types';

/** What the compile stage receives: the files under work/, their names, and the compile options. */
export interface CompileInput {
  work: ArchiveFile[];
  names: string[];
  options?: string[];
}

/** How a job's program is run after the shared compile step: once, per test case, or as a function. */
export interface ExecutionMode {
  /** What to compile, when the mode adds to the job's own sources. */
  compileInput?(input: CompileInput): CompileInput;
  /** What the mode adds to a compile_error outcome. */
  compileError?(compile: StageResult, failure: string): Partial<Pick<ExecutionResult, 'function'>>;
  run(program: Program): Promise<ExecutionOutcome>;
}
