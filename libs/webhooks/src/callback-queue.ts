import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { CALLBACKS_QUEUE, DELIVER_CALLBACK_JOB_NAME, type CallbackJobData } from '#contracts';
import { JobRepository } from '#db';

/**
 * Schedules the webhook of a finished job. Delivery runs in the worker's callbacks
 * queue, apart from executions, so a slow receiver never delays a job's completion.
 */
@Injectable()
export class CallbackQueue {
  constructor(
    @InjectQueue(CALLBACKS_QUEUE) private readonly queue: Queue<CallbackJobData>,
    private readonly jobs: JobRepository,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async enqueue(jobId: string): Promise<void> {
    await this.jobs.recordCallback(jobId, { status: 'pending', attempts: 0, lastError: null, lastStatus: null, deliveredAt: null });
    await this.add(jobId).catch(async (error: Error) => {
      const lastError = `not scheduled: ${error.message}`;
      await this.jobs.recordCallback(jobId, { status: 'failed', attempts: 0, lastError, lastStatus: null, deliveredAt: null });
      throw error;
    });
  }

  private async add(jobId: string): Promise<void> {
    await this.queue.add(
      DELIVER_CALLBACK_JOB_NAME,
      { jobId },
      {
        jobId: `callback-${jobId}`, // one delivery per job, however often it is announced
        attempts: this.config.webhooks.attempts,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 3600 },
        removeOnFail: { age: 24 * 3600 },
      },
    );
  }
}
