import { Injectable, Logger } from '@nestjs/common';
import { CallbackQueue, JobEvents } from '#messaging';
import type { FinishedJobRef } from './job';
import { JobRepository } from './job.repository';

const PENDING = { status: 'pending', attempts: 0, lastError: null, lastStatus: null, deliveredAt: null } as const;

/**
 * "This job reached a final status", said in one place for completion, failure, cancel and
 * the reconciler: wakes the requests waiting for it and schedules its webhook. The row is
 * already the truth, so neither step may fail the caller.
 */
@Injectable()
export class JobFinisher {
  private readonly logger = new Logger(JobFinisher.name);

  constructor(
    private readonly jobs: JobRepository,
    private readonly events: JobEvents,
    private readonly callbacks: CallbackQueue,
  ) {}

  async finished(job: FinishedJobRef): Promise<void> {
    await this.events.publishFinished(job.id).catch((error: Error) => this.logger.warn(`publish ${job.id}: ${error.message}`));
    if (job.callbackUrl)
      await this.scheduleWebhook(job.id).catch((error: Error) => this.logger.warn(`webhook of ${job.id} not scheduled: ${error.message}`));
  }

  /** Marks the delivery pending, then queues it; a queue that refuses leaves it marked failed. */
  private async scheduleWebhook(jobId: string): Promise<void> {
    await this.jobs.recordCallback(jobId, PENDING);
    await this.callbacks.add(jobId).catch(async (error: Error) => {
      await this.jobs.recordCallback(jobId, { ...PENDING, status: 'failed', lastError: `not scheduled: ${error.message}` });
      throw error;
    });
  }
}
