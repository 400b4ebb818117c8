/** Which of the supervisor's limits ended a stage: the wall clock or the CPU time. */
export type TimeLimit = 'wall' | 'cpu';

/** What the in-container runner reports about a stage (see images/runner: run, compile, supervise). */
export interface StageUsage {
  /** The exit status, or 128 + the signal for a program a signal ended (shell convention). */
  exitCode: number;
  /** The signal that ended the program (from its real wait status), null after a normal exit. */
  signal: number | null;
  /** The limit the runner enforced, null when the program ended by itself. */
  limit: TimeLimit | null;
  wallMs: number;
  cpuMs: number | null;
  memoryBytes: number | null;
}

const INTEGER = /^-?\d+$/;
const LIMITS: Record<string, TimeLimit | null> = { wall: 'wall', cpu: 'cpu', '-': null };

/**
 * `code wallNs cpuNs memBytes [signal limit]`. Without the last two (an image built before
 * the runner reported them) or with signal -1 (the supervisor gave no report), the signal
 * is guessed from the shell convention.
 */
function parseUsage(fields: string[]): StageUsage | null {
  if (fields.length < 4 || !fields.slice(0, 4).every((f) => INTEGER.test(f))) return null;
  const [code, wallNs, cpuNs, mem] = fields.slice(0, 4).map(Number);
  let signal = guessSignal(code);
  let limit: TimeLimit | null = null;
  if (fields.length >= 6) {
    if (!INTEGER.test(fields[4]) || !(fields[5] in LIMITS)) return null;
    const reported = Number(fields[4]);
    if (reported >= 0) signal = reported === 0 ? null : reported;
    limit = LIMITS[fields[5]];
  }
  return {
    exitCode: code,
    signal,
    limit,
    wallMs: Math.round(wallNs / 1e5) / 10,
    cpuMs: cpuNs >= 0 ? Math.round(cpuNs / 1e5) / 10 : null,
    memoryBytes: mem >= 0 ? mem : null,
  };
}

/**
 * Splits the runner's trailer (`\n<nonce> code wallNs cpuNs memBytes signal limit\n`, written after the
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

/** Parses result/status written by the compile runner: `code wallNs cpuNs memBytes signal limit`. */
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
  16: 'SIGSTKFLT',
  17: 'SIGCHLD',
  18: 'SIGCONT',
  19: 'SIGSTOP',
  20: 'SIGTSTP',
  21: 'SIGTTIN',
  22: 'SIGTTOU',
  23: 'SIGURG',
  24: 'SIGXCPU',
  25: 'SIGXFSZ',
  26: 'SIGVTALRM',
  27: 'SIGPROF',
  28: 'SIGWINCH',
  29: 'SIGIO',
  30: 'SIGPWR',
  31: 'SIGSYS',
};

/**
 * Shell convention, for when no wait status was reported (the container's own exit status,
 * or an older runner): a status of 129 to 192 is taken as death by signal status-128.
 * Above 192 it cannot be one (Linux has 64 signals).
 */
export function guessSignal(exitCode: number | null): number | null {
  if (exitCode === null || exitCode <= 128 || exitCode > 128 + 64) return null;
  return exitCode - 128;
}

/** SIGKILL, SIGSEGV, … for a signal number; null for none. */
export function signalName(signal: number | null): string | null {
  if (signal === null || signal <= 0) return null;
  return SIGNALS[signal] ?? `SIG${signal}`;
}
