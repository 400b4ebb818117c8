import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { EXECUTE_JOB_NAME, EXECUTIONS_QUEUE, type ExecutionJobData } from '#contracts';
import { executionJobOptions } from '#messaging';

/** The API side of the queue: producer only (no @Processor lives in the API). */
@Injectable()
export class JobQueue {
  constructor(
    @InjectQueue(EXECUTIONS_QUEUE) private readonly queue: Queue<ExecutionJobData>,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async enqueue(jobId: string): Promise<void> {
    await this.queue.add(EXECUTE_JOB_NAME, { jobId }, executionJobOptions(jobId, this.config.worker.attempts));
  }

  /** Drops a queued job; a job a worker has already locked stays, and the worker skips it. */
  async remove(jobId: string): Promise<void> {
    await this.queue.remove(jobId).catch(() => undefined);
  }
}
