import { Inject, Injectable } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { DomainError } from '#contracts';
import { ExecutionQueues } from '#messaging';

/** How long one reading of the queue depth serves every submission on this process. */
export const DEPTH_CACHE_MS = 1000;

/**
 * Backpressure: once the queue holds RUNQ_MAX_QUEUE_DEPTH jobs waiting for a worker, new
 * submissions are refused (queue_full, with when to retry) instead of growing a backlog
 * no one will clear soon. The depth is read at most once per DEPTH_CACHE_MS (concurrent
 * callers share the read), so a burst may overshoot the limit by what arrives within that time.
 */
@Injectable()
export class QueueAdmission {
  private cached: { depth: number; at: number } | null = null;
  private reading: Promise<number> | null = null;

  constructor(
    private readonly queues: ExecutionQueues,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  /** The clock, replaceable in tests. */
  now: () => number = Date.now;

  /** Refuses (queue_full) when the queue is at or past its configured depth. */
  async admit(): Promise<void> {
    const { maxQueueDepth, retryAfterSeconds } = this.config.backpressure;
    if (maxQueueDepth <= 0) return;
    const depth = await this.depth();
    if (depth >= maxQueueDepth) {
      throw new DomainError(
        'queue_full',
        `the job queue is full (${depth} jobs waiting, limit ${maxQueueDepth}); retry in ${retryAfterSeconds} s`,
        {
          retryAfterSeconds,
        },
      );
    }
  }

  private async depth(): Promise<number> {
    if (this.cached && this.now() - this.cached.at < DEPTH_CACHE_MS) return this.cached.depth;
    this.reading ??= this.waiting()
      .then((depth) => {
        this.cached = { depth, at: this.now() };
        return depth;
      })
      .finally(() => (this.reading = null));
    try {
      return await this.reading;
    } catch {
      throw new DomainError('unavailable', 'the job queue is unavailable; retry shortly');
    }
  }

  /** Jobs waiting for a worker in all pools: waiting + delayed (retries) + prioritized; running ones are not counted. */
  private async waiting(): Promise<number> {
    const { waiting, delayed, prioritized } = await this.queues.counts('waiting', 'delayed', 'prioritized');
    return waiting + delayed + prioritized;
  }
}
