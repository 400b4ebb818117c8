import type { JobView, StageResult } from '#contracts';
import { executionMs } from './function-answer.mapper';

/** `POST /api/execute` with `language`. */
export interface ProgramExecuteAnswer {
  success: boolean;
  language: string;
  output: string;
  error: string;
  exitCode: number | null;
  executionTime: number;
  timestamp: string;
}

/** `POST /run/:language`: `output` is stdout followed by stderr. */
export interface RunAnswer {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  output: string;
}

interface ProgramOutput {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

const text = (stage: StageResult, stream: 'stdout' | 'stderr') =>
  stage.encoding === 'base64' ? Buffer.from(stage[stream], 'base64').toString('utf8') : stage[stream];

/**
 * What a program printed and how it ended: the compile stage's when compiling failed, else the
 * run's; a limit that stopped it (timeout, memory, output) is told at the end of stderr.
 */
export function programOutput(view: JobView): ProgramOutput {
  const stage = view.outcome === 'compile_error' ? view.compile : view.run;
  const stdout = stage ? text(stage, 'stdout') : '';
  let stderr = stage ? text(stage, 'stderr') : '';
  const stopped = ['timeout', 'memory_limit', 'output_limit'].includes(view.outcome ?? '');
  if (stopped && view.message) stderr += `${stderr && !stderr.endsWith('\n') ? '\n' : ''}${view.message}\n`;
  return { stdout, stderr, exitCode: stage?.exitCode ?? null };
}

export function programExecuteAnswer(view: JobView, language: string): ProgramExecuteAnswer {
  const { stdout, stderr, exitCode } = programOutput(view);
  return {
    success: view.outcome === 'ok' && exitCode === 0,
    language,
    output: stdout,
    error: stderr,
    exitCode,
    executionTime: executionMs(view),
    timestamp: view.finishedAt ?? new Date().toISOString(),
  };
}

export function runAnswer(view: JobView): RunAnswer {
  const { stdout, stderr, exitCode } = programOutput(view);
  return { stdout, stderr, exitCode, output: stdout + stderr };
}
