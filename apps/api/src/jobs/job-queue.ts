import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { EXECUTE_JOB_NAME, EXECUTIONS_QUEUE, type ExecutionJobData } from '#contracts';

const DAY_S = 24 * 3600;

/** The API side of the queue: producer only (no @Processor lives in the API). */
@Injectable()
export class JobQueue {
  constructor(
    @InjectQueue(EXECUTIONS_QUEUE) private readonly queue: Queue<ExecutionJobData>,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async enqueue(jobId: string): Promise<void> {
    await this.queue.add(
      EXECUTE_JOB_NAME,
      { jobId },
      {
        jobId, // BullMQ ignores a second add with the same id: enqueueing is idempotent.
        attempts: this.config.worker.attempts,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 3600, count: 10_000 },
        removeOnFail: { age: DAY_S },
      },
    );
  }

  /** Jobs waiting for a worker: waiting + delayed (retries) + prioritized; running ones are not counted. */
  async depth(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  /** Drops a queued job; a job a worker has already locked stays, and the worker skips it. */
  async remove(jobId: string): Promise<void> {
    await this.queue.remove(jobId).catch(() => undefined);
  }
}
