import { Queue, type ConnectionOptions, type JobType } from 'bullmq';
import { poolNames, poolOf } from '#config';
import { EXECUTE_JOB_NAME, executionsQueueName, type ExecutionJobData } from '#contracts';
import { executionJobOptions } from './execution-job-options';
import { QueueBacklogReader, type QueueBacklog, type ZsetClient } from './queue-backlog';

/**
 * The producer side of the execution queues: one BullMQ queue per worker pool, and the
 * routing of a language to its pool (RUNQ_POOLS). Languages not routed go to `default`.
 */
export class ExecutionQueues {
  private readonly queues = new Map<string, Queue<ExecutionJobData>>();

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly poolsByLanguage: Record<string, string>,
  ) {}

  poolOf(language: string): string {
    return poolOf(language, this.poolsByLanguage);
  }

  /** `default` first, then the configured pools. */
  pools(): string[] {
    return poolNames(this.poolsByLanguage);
  }

  /** Every pool's queue, `default` first. */
  all(): Queue<ExecutionJobData>[] {
    return this.pools().map((pool) => this.forPool(pool));
  }

  /** Queues a job on its language's pool; the row id is the BullMQ job id, so a repeat is a no-op. */
  async enqueue(jobId: string, language: string, attempts: number): Promise<void> {
    await this.forLanguage(language).add(EXECUTE_JOB_NAME, { jobId }, executionJobOptions(jobId, attempts));
  }

  /** Drops a queued job; one a worker has already locked stays (BullMQ refuses), and the worker skips it. */
  async remove(jobId: string, language: string): Promise<void> {
    await this.forLanguage(language).remove(jobId);
  }

  /** Job counts of the given states, summed over every pool's queue. */
  async counts<S extends JobType>(...states: S[]): Promise<Record<S, number>> {
    const perPool = await Promise.all(this.all().map((queue) => queue.getJobCounts(...states)));
    const sums = Object.fromEntries(states.map((state) => [state, 0])) as Record<S, number>;
    for (const counts of perPool) for (const state of states) sums[state] += counts[state] ?? 0;
    return sums;
  }

  forLanguage(language: string): Queue<ExecutionJobData> {
    return this.forPool(this.poolOf(language));
  }

  forPool(pool: string): Queue<ExecutionJobData> {
    let queue = this.queues.get(pool);
    if (!queue) {
      if (!this.pools().includes(pool)) throw new Error(`unknown pool "${pool}"`);
      queue = new Queue<ExecutionJobData>(executionsQueueName(pool), { connection: this.connection });
      queue.on('error', () => undefined); // surfaced by the calls that fail
      this.queues.set(pool, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.queues.clear();
  }
}

/** Backlog of any pool's queue, for scalers (GET /metrics/backlog?pool=, the local autoscaler). */
export class PoolBacklogReader {
  constructor(
    private readonly queues: ExecutionQueues,
    private readonly redis: ZsetClient,
  ) {}

  pools(): string[] {
    return this.queues.pools();
  }

  read(pool: string): Promise<QueueBacklog> {
    return new QueueBacklogReader(this.queues.forPool(pool), this.redis).read();
  }
}
