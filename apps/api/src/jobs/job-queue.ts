import { Inject, Injectable } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { EXECUTE_JOB_NAME } from '#contracts';
import { ExecutionQueues, executionJobOptions } from '#messaging';

/** The API side of the queues: producer only; each language goes to its pool's queue. */
@Injectable()
export class JobQueue {
  constructor(
    private readonly queues: ExecutionQueues,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async enqueue(jobId: string, language: string): Promise<void> {
    await this.queues.forLanguage(language).add(EXECUTE_JOB_NAME, { jobId }, executionJobOptions(jobId, this.config.worker.attempts));
  }

  /** Jobs waiting for a worker in all pools: waiting + delayed (retries) + prioritized; running ones are not counted. */
  async depth(): Promise<number> {
    const pools = this.queues.pools();
    const counts = await Promise.all(pools.map((pool) => this.queues.forPool(pool).getJobCounts('waiting', 'delayed', 'prioritized')));
    return counts.flatMap((c) => Object.values(c)).reduce((sum, n) => sum + n, 0);
  }

  /** Drops a queued job; a job a worker has already locked stays, and the worker skips it. */
  async remove(jobId: string, language: string): Promise<void> {
    await this.queues
      .forLanguage(language)
      .remove(jobId)
      .catch(() => undefined);
  }
}
