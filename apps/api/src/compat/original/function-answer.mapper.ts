import type { FunctionLog, JobView } from '#contracts';

/** `POST /` answers: the value and logs, or why the user's code failed (still HTTP 200). */
export type ScriptCallAnswer = { result: unknown; logs: { ts: number; level: string; message: string }[] } | { error: string };

export interface ConsoleLogEntry {
  type: string;
  timestamp: string;
  data: unknown[];
}

/** `POST /api/execute` without `language`. */
export interface ConsoleExecuteAnswer {
  status: 'success' | 'error';
  result: unknown;
  error: false | { name: string; message: string; stack: string | null };
  log: ConsoleLogEntry[];
  executionTime: number;
}

/** What the original services said when a limit stopped the code. */
const LIMIT_MESSAGES: Record<string, string> = {
  timeout: 'Execution timeout',
  memory_limit: 'Memory limit exceeded',
  output_limit: 'Output limit exceeded',
};
const LIMIT_ERROR_NAMES: Record<string, string> = { timeout: 'TimeoutError', memory_limit: 'MemoryError', output_limit: 'OutputError' };

/** Milliseconds the program ran (the run stage's wall time), else the job's total time. */
export function executionMs(view: JobView): number {
  return view.run?.wallMs ?? view.totalMs ?? 0;
}

/** Why a finished job's code failed, in the words the original services used for limits. */
export function failureMessage(view: JobView): string {
  return LIMIT_MESSAGES[view.outcome ?? ''] ?? view.error?.message ?? view.message ?? 'Execution failed';
}

export function scriptCallAnswer(view: JobView): ScriptCallAnswer {
  if (view.outcome !== 'ok') return { error: failureMessage(view) };
  const logs = (view.logs ?? []).map((entry) => ({ ts: Date.parse(entry.ts), level: entry.level, message: entry.message }));
  return { result: view.result ?? null, logs };
}

export function consoleExecuteAnswer(view: JobView): ConsoleExecuteAnswer {
  const log = (view.logs ?? []).map(consoleEntry);
  const base = { result: view.result ?? null, log, executionTime: executionMs(view) };
  if (view.outcome === 'ok') return { status: 'success', error: false, ...base };
  const error = view.error
    ? { name: view.error.name, message: view.error.message, stack: view.error.stack }
    : { name: LIMIT_ERROR_NAMES[view.outcome ?? ''] ?? 'Error', message: failureMessage(view), stack: null };
  return { status: 'error', error, ...base };
}

/** A log entry with its arguments as values; entries without them (egress, long ones) carry their text. */
function consoleEntry(entry: FunctionLog): ConsoleLogEntry {
  return { type: entry.level, timestamp: entry.ts, data: entry.args ?? [entry.message] };
}
