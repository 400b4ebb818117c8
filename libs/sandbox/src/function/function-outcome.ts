import type { FunctionError, FunctionLog, FunctionResult, Outcome, StageResult } from '#contracts';
import type { InterpretedRun } from '../execution/run.types';
import { bytesToDataUris } from './bytes-to-data-uri';
import type { HarnessFrame } from './function-frame';

const SANDBOX_LIMITS: Outcome[] = ['timeout', 'memory_limit', 'output_limit'];

/** Harness logs and egress-proxy logs in time order. */
function mergeLogs(frame: HarnessFrame | null, egress: FunctionLog[]): FunctionLog[] {
  return [...(frame?.logs ?? []), ...egress].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
}

/**
 * A function run's outcome: the sandbox's limits first (timeout, memory, output), then what
 * the harness reported; a run without a frame ended before the function returned.
 */
export async function functionOutcome(
  ran: InterpretedRun,
  frame: HarnessFrame | null,
  egressLogs: FunctionLog[],
): Promise<{ outcome: Outcome; message: string | null; function: FunctionResult }> {
  const logs = mergeLogs(frame, egressLogs);
  const logsTruncated = frame?.logsTruncated ?? false;
  const without = (error: FunctionError | null) => ({ result: null, logs, logsTruncated, error });
  if (SANDBOX_LIMITS.includes(ran.outcome)) return { outcome: ran.outcome, message: ran.message, function: without(null) };
  if (!frame) {
    const why = ran.message ?? 'exited';
    const message = `the function did not return: the process ${why === 'exited' ? 'exited' : why} before a result was reported`;
    return { outcome: 'runtime_error', message, function: without({ name: 'Error', message, stack: null, line: null, column: null }) };
  }
  if (frame.status === 'ok') {
    return {
      outcome: 'ok',
      message: null,
      function: { result: await bytesToDataUris(frame.result ?? null), logs, logsTruncated, error: null },
    };
  }
  const error = frame.error ?? { name: 'Error', message: 'unknown error', stack: null, line: null, column: null };
  const outcome: Outcome = frame.status === 'compile_error' ? 'compile_error' : 'runtime_error';
  return { outcome, message: `${error.name}: ${error.message}`, function: without(error) };
}

/** A TypeScript compile error as a function error: the first diagnostic tsc printed, with its position, else why compiling failed. */
export function typescriptCompileError(compile: StageResult | null, failure: string): FunctionResult {
  const text = compile && compile.encoding === 'utf8' ? `${compile.stdout}\n${compile.stderr}` : '';
  const first = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/m.exec(text);
  const error: FunctionError = first
    ? {
        name: 'CompileError',
        message: `${first[4]}: ${first[5]} (${first[1]}:${first[2]}:${first[3]})`,
        stack: null,
        line: Number(first[2]),
        column: Number(first[3]),
      }
    : { name: 'CompileError', message: failure, stack: null, line: null, column: null };
  return { result: null, logs: [], logsTruncated: false, error };
}
