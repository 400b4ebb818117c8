import type { Job } from 'bullmq';

/** What is waiting for, or occupying, a worker slot on the `executions` queue at one moment. */
export interface QueueBacklog {
  /** Demand in worker slots: waiting + prioritized + delayedDue + active. Scalers divide it by the capacity per worker. */
  backlog: number;
  waiting: number;
  prioritized: number;
  /** Delayed jobs whose time has come but that BullMQ has not promoted yet (no worker polled since). */
  delayedDue: number;
  active: number;
  /** How long the oldest runnable job has been waiting, 0 when none is. */
  oldestWaitingAgeMs: number;
}

/** BullMQ encodes a delayed job's score as `dueAt * 0x1000 + counter` (getDelayedScore.lua). */
const DELAYED_SCORE_FACTOR = 0x1000;

/** The sorted-set reads on the delayed set; an ioredis client fits (BullMQ 6 no longer exposes its raw client). */
export interface ZsetClient {
  zcount(key: string, min: number | string, max: number | string): Promise<number>;
  zrangebyscore(key: string, min: number | string, max: number | string, limit: 'LIMIT', offset: number, count: number): Promise<string[]>;
  zscore(key: string, member: string): Promise<string | null>;
}

/** The part of a BullMQ Queue the reader uses, so tests can pass a fake. */
export interface BacklogQueue {
  getJobCounts(...types: ('waiting' | 'prioritized' | 'active')[]): Promise<Record<string, number>>;
  getJobs(types: 'wait' | 'prioritized', start: number, end: number, asc: boolean): Promise<Pick<Job, 'timestamp' | 'processedOn'>[]>;
  toKey(type: 'delayed'): string;
}

/**
 * Reads the backlog from BullMQ's own structures (not from Postgres), so it counts exactly what workers can take.
 * Every call costs a handful of O(1)/O(log n) Redis commands, cheap enough for a scaler polling every second.
 */
export class QueueBacklogReader {
  constructor(
    private readonly queue: BacklogQueue,
    private readonly redis: ZsetClient,
    private readonly now: () => number = Date.now,
  ) {}

  async read(): Promise<QueueBacklog> {
    const now = this.now();
    const client = this.redis;
    const delayedKey = this.queue.toKey('delayed');
    const dueMaxScore = (now + 1) * DELAYED_SCORE_FACTOR - 1;
    const [counts, delayedDue, oldestWaiting, oldestPrioritized, oldestDueId] = await Promise.all([
      this.queue.getJobCounts('waiting', 'prioritized', 'active'),
      client.zcount(delayedKey, 0, dueMaxScore),
      this.queue.getJobs('wait', 0, 0, true),
      // Prioritized jobs are ordered by priority, not age: the head is only an estimate (runq does not set priorities).
      this.queue.getJobs('prioritized', 0, 0, true),
      client.zrangebyscore(delayedKey, 0, dueMaxScore, 'LIMIT', 0, 1),
    ]);
    const oldestDueScore = oldestDueId.length ? await client.zscore(delayedKey, oldestDueId[0]) : null;
    const waitingSince = [
      ...[...oldestWaiting, ...oldestPrioritized].map(runnableSince),
      oldestDueScore === null ? Infinity : Math.floor(Number(oldestDueScore) / DELAYED_SCORE_FACTOR),
    ];
    const since = Math.min(...waitingSince);
    const waiting = counts.waiting ?? 0;
    const prioritized = counts.prioritized ?? 0;
    const active = counts.active ?? 0;
    return {
      backlog: waiting + prioritized + delayedDue + active,
      waiting,
      prioritized,
      delayedDue,
      active,
      oldestWaitingAgeMs: Number.isFinite(since) ? Math.max(0, now - since) : 0,
    };
  }
}

/**
 * A retried or re-queued job keeps its creation timestamp; its last start is a closer (lower) bound of when it became
 * runnable again. Under-estimating the age errs towards not scaling out, which the backlog count still catches.
 */
function runnableSince(job: Pick<Job, 'timestamp' | 'processedOn'>): number {
  return Math.max(job.timestamp, job.processedOn ?? 0);
}
