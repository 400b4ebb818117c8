import { Queue, type ConnectionOptions } from 'bullmq';
import { DEFAULT_POOL, executionsQueueName, type ExecutionJobData } from '#contracts';
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
    return this.poolsByLanguage[language] ?? DEFAULT_POOL;
  }

  /** `default` first, then the configured pools. */
  pools(): string[] {
    return [DEFAULT_POOL, ...new Set(Object.values(this.poolsByLanguage))];
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
