import type { FunctionError, FunctionLog } from '#contracts';

/** What the in-sandbox harness reports (see harness/harness.js and harness/harness.py). */
export interface HarnessFrame {
  status: 'ok' | 'error' | 'compile_error';
  result?: unknown;
  error?: FunctionError;
  logs: FunctionLog[];
  logsTruncated: boolean;
}

/**
 * Takes the harness's result frame (`\n<token>\n<json>\n<token>\n`, written last) out of
 * stdout. The token is per job and never reaches user code's files, so nothing the
 * program prints can pass for a result; without a well-formed frame there is none.
 */
export function extractFrame(stdout: Buffer, token: string): { stdout: Buffer; frame: HarnessFrame | null } {
  const marker = Buffer.from(`\n${token}\n`);
  const end = stdout.lastIndexOf(marker);
  if (end < 0) return { stdout, frame: null };
  const start = stdout.lastIndexOf(marker, end - 1);
  if (start < 0) return { stdout, frame: null };
  let frame: HarnessFrame | null = null;
  try {
    const parsed = JSON.parse(stdout.subarray(start + marker.length, end).toString('utf8')) as HarnessFrame;
    if (parsed && ['ok', 'error', 'compile_error'].includes(parsed.status) && Array.isArray(parsed.logs)) frame = parsed;
  } catch {
    return { stdout, frame: null };
  }
  if (!frame) return { stdout, frame: null };
  return { stdout: Buffer.concat([stdout.subarray(0, start), stdout.subarray(end + marker.length)]), frame };
}
