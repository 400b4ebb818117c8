/** What the in-container runner reports about a stage (see images/base/run, compile). */
export interface StageUsage {
  exitCode: number;
  wallMs: number;
  cpuMs: number | null;
  memoryBytes: number | null;
}

function parseUsage(fields: string[]): StageUsage | null {
  if (fields.length < 4 || !fields.every((f) => /^-?\d+$/.test(f))) return null;
  const [code, wallNs, cpuNs, mem] = fields.map(Number);
  return {
    exitCode: code,
    wallMs: Math.round(wallNs / 1e5) / 10,
    cpuMs: cpuNs >= 0 ? Math.round(cpuNs / 1e5) / 10 : null,
    memoryBytes: mem >= 0 ? mem : null,
  };
}

/**
 * Splits the runner's trailer (`\n<nonce> code wallNs cpuNs memBytes\n`, written after the
 * program ended) off stderr. The last occurrence wins; the program never saw the nonce.
 */
export function splitRunTrailer(stderr: Buffer, nonce: string): { stderr: Buffer; usage: StageUsage | null } {
  const marker = Buffer.from(`\n${nonce} `);
  const at = stderr.lastIndexOf(marker);
  if (at < 0) return { stderr, usage: null };
  const lineEnd = stderr.indexOf(0x0a, at + marker.length);
  const end = lineEnd < 0 ? stderr.length : lineEnd + 1;
  const usage = parseUsage(
    stderr
      .subarray(at + marker.length, lineEnd < 0 ? undefined : lineEnd)
      .toString()
      .trim()
      .split(' '),
  );
  if (!usage) return { stderr, usage: null };
  return { stderr: Buffer.concat([stderr.subarray(0, at), stderr.subarray(end)]), usage };
}

/** Splits the runner's end-of-output marker (`\n<nonce>\n`, written after the program ended) off stdout. */
export function splitStdoutMarker(stdout: Buffer, nonce: string): { stdout: Buffer; found: boolean } {
  const marker = Buffer.from(`\n${nonce}\n`);
  const at = stdout.lastIndexOf(marker);
  if (at < 0) return { stdout, found: false };
  return { stdout: Buffer.concat([stdout.subarray(0, at), stdout.subarray(at + marker.length)]), found: true };
}

/** Parses result/status written by the compile runner: `code wallNs cpuNs memBytes`. */
export function parseCompileStatus(text: string): StageUsage | null {
  return parseUsage(text.trim().split(/\s+/));
}

const SIGNALS: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  4: 'SIGILL',
  5: 'SIGTRAP',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  10: 'SIGUSR1',
  11: 'SIGSEGV',
  12: 'SIGUSR2',
  13: 'SIGPIPE',
  14: 'SIGALRM',
  15: 'SIGTERM',
  24: 'SIGXCPU',
  25: 'SIGXFSZ',
  31: 'SIGSYS',
};

/** Shell convention: a status above 128 means the process died of signal status-128. */
export function signalOf(exitCode: number | null): string | null {
  if (exitCode === null || exitCode <= 128) return null;
  return SIGNALS[exitCode - 128] ?? `SIG${exitCode - 128}`;
}
