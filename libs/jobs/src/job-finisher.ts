import { Injectable, Logger } from '@nestjs/common';
import { CallbackQueue, JobEvents } from '#messaging';
import { PENDING_CALLBACK, type FinishedJobRef, type Job } from './job';
import { jobToWire } from './job-record.mapper';
import { JobRepository } from './job.repository';

/** A finished row up to this size rides on its event, and a woken request answers without reading it again. */
const INLINE_ROW_MAX_BYTES = 32 * 1024;

/**
 * "This job reached a final status", said in one place for completion, failure, cancel and
 * the reconciler: marks its webhook due, wakes the requests waiting for it, then queues the
 * delivery. The row is already the truth, so no step may fail the caller.
 */
@Injectable()
export class JobFinisher {
  private readonly logger = new Logger(JobFinisher.name);

  constructor(
    private readonly jobs: JobRepository,
    private readonly events: JobEvents,
    private readonly callbacks: CallbackQueue,
  ) {}

  /**
   * `written`: the row as the finishing write left it, its webhook already marked due there
   * (JobRepository.complete); it then rides on the event instead of being read again.
   */
  async finished(job: FinishedJobRef, written?: Job): Promise<void> {
    const webhook = written ? Boolean(written.callbackUrl) : job.callbackUrl ? await this.markPending(job.id) : false;
    // After the mark: a woken request reads the row at once, and its answer shows the webhook as pending.
    const wire = written && jobToWire(written);
    const detail = wire && Buffer.byteLength(wire) <= INLINE_ROW_MAX_BYTES ? wire : undefined;
    await this.events.publishFinished(job.id, detail).catch((error: Error) => this.logger.warn(`publish ${job.id}: ${error.message}`));
    if (webhook) await this.queueWebhook(job.id);
  }

  private async markPending(jobId: string): Promise<boolean> {
    try {
      await this.jobs.recordCallback(jobId, PENDING_CALLBACK);
      return true;
    } catch (error) {
      this.logger.warn(`webhook of ${jobId} not scheduled: ${(error as Error).message}`);
      return false;
    }
  }

  /** Queues the delivery; a queue that refuses leaves it marked failed. */
  private async queueWebhook(jobId: string): Promise<void> {
    try {
      await this.callbacks.add(jobId);
    } catch (error) {
      const message = (error as Error).message;
      this.logger.warn(`webhook of ${jobId} not scheduled: ${message}`);
      await this.jobs
        .recordCallback(jobId, { ...PENDING_CALLBACK, status: 'failed', lastError: `not scheduled: ${message}` })
        .catch((e: Error) => this.logger.warn(`webhook state of ${jobId} not recorded: ${e.message}`));
    }
  }
}
