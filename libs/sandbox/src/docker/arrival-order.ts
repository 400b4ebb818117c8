/** Enough runs for any program's interleaving a person reads; a flood past it keeps its first runs only. */
const MAX_RUNS = 4096;

/**
 * The order in which a container's stdout and stderr bytes arrived, as Docker's attach stream
 * carries it: runs of bytes, positive from stdout, negative from stderr. Both captures record
 * into one, synchronously, as the stream is demultiplexed.
 */
export class ArrivalOrder {
  private readonly runs: number[] = [];
  private full = false;

  record(stream: 'stdout' | 'stderr', bytes: number): void {
    if (bytes === 0 || this.full) return;
    const signed = stream === 'stdout' ? bytes : -bytes;
    const last = this.runs.length - 1;
    if (last >= 0 && Math.sign(this.runs[last]) === Math.sign(signed)) this.runs[last] += signed;
    else if (this.runs.length < MAX_RUNS) this.runs.push(signed);
    else this.full = true;
  }

  /** The runs, or null when only one stream had output (nothing to interleave). */
  list(): number[] | null {
    return this.runs.some((n) => n > 0) && this.runs.some((n) => n < 0) ? [...this.runs] : null;
  }
}
