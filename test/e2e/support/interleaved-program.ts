/**
 * A Python program writing to stdout and stderr in turns. Each write is flushed and followed by
 * a pause, so the two pipes cannot deliver out of order.
 */
export const INTERLEAVED_PYTHON = [
  'import sys, time',
  'for i in range(3):',
  '    print(f"o{i}", flush=True); time.sleep(0.05)',
  '    print(f"e{i}", file=sys.stderr, flush=True); time.sleep(0.05)',
].join('\n');

/** What it writes: each stream alone, and both in the order written. */
export const INTERLEAVED_OUTPUT = { stdout: 'o0\no1\no2\n', stderr: 'e0\ne1\ne2\n', merged: 'o0\ne0\no1\ne1\no2\ne2\n' };
