/**
 * stdout and stderr merged in the order they arrived, from a stage's `outputOrder` (runs of
 * bytes, positive from stdout, negative from stderr); stdout then stderr when the order is not
 * known (one stream only, the compile stage, results stored before it was recorded). Bytes past
 * a run's stream (cut by the runner's report) are skipped; bytes past the runs come last.
 */
export function interleaved(stdout: Buffer, stderr: Buffer, order: readonly number[] | undefined): Buffer {
  if (!order) return Buffer.concat([stdout, stderr]);
  const parts: Buffer[] = [];
  let out = 0;
  let err = 0;
  for (const run of order) {
    if (run > 0) {
      parts.push(stdout.subarray(out, out + run));
      out = Math.min(stdout.length, out + run);
    } else {
      parts.push(stderr.subarray(err, err - run));
      err = Math.min(stderr.length, err - run);
    }
  }
  parts.push(stdout.subarray(out), stderr.subarray(err));
  return Buffer.concat(parts);
}
