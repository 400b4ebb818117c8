import type { JobStatus } from '#contracts';

/** Removes a bounded batch of finished jobs older than the cutoff; how many of each status went. */
export interface FinishedJobsPurge {
  deleteFinishedBefore(cutoff: Date, limit: number): Promise<Partial<Record<JobStatus, number>>>;
}

export interface SweepOptions {
  batchSize: number;
  /** Between batches, so the database serves the API in between. */
  pauseMs: number;
  /** Asked before each batch: false stops the sweep (leadership lost, shutting down). */
  keepGoing: () => Promise<boolean>;
  /** Told after each batch what it removed. */
  removed: (counts: Partial<Record<JobStatus, number>>) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface SweepResult {
  deleted: number;
  batches: number;
  /** False when the sweep stopped before it had removed everything. */
  complete: boolean;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Deletes every job that finished before `cutoff`, one bounded batch at a time. */
export async function sweepFinishedJobs(purge: FinishedJobsPurge, cutoff: Date, options: SweepOptions): Promise<SweepResult> {
  const sleep = options.sleep ?? sleepFor;
  let deleted = 0;
  let batches = 0;
  for (;;) {
    if (!(await options.keepGoing())) return { deleted, batches, complete: false };
    const counts = await purge.deleteFinishedBefore(cutoff, options.batchSize);
    const removed = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
    batches++;
    deleted += removed;
    options.removed(counts);
    // A short batch was the last one (rows skipped as locked go with the next sweep).
    if (removed < options.batchSize) return { deleted, batches, complete: true };
    if (options.pauseMs > 0) await sleep(options.pauseMs);
  }
}

/** The cutoff of a retention of `days` at `now`. */
export function retentionCutoff(days: number, now = new Date()): Date {
  return new Date(now.getTime() - days * 24 * 3600 * 1000);
}
