import { Inject, Injectable, Logger } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { DomainError } from '#contracts';
import { JobRepository, type Job, type NewJob } from '#jobs';
import { ExecutionQueues } from '#messaging';
import type { Caller } from '../auth/caller';
import { QueueAdmission } from './queue-admission';

/** A key at its active-jobs cap waits for one of its jobs to finish; most finish within seconds. */
const ACTIVE_LIMIT_RETRY_AFTER_S = 2;

/**
 * The way into the queue: admission (queue depth), the row (within the key's active-jobs
 * cap), then its queue entry; and the way out of the queue for a job cancelled before it ran.
 */
@Injectable()
export class JobIntake {
  private readonly logger = new Logger(JobIntake.name);

  constructor(
    private readonly jobs: JobRepository,
    private readonly queues: ExecutionQueues,
    private readonly admission: QueueAdmission,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  /** Refuses (queue_full) while the queue is at its depth; a batch is admitted once, as a whole. */
  admit(): Promise<void> {
    return this.admission.admit();
  }

  /** Inserts the row, then enqueues its id; if the queue is unreachable the row is removed again. */
  async place(draft: NewJob, caller: Caller, admitted = false): Promise<Job> {
    if (!admitted) await this.admit();
    const maxActive = caller.limits?.maxActiveJobs ?? 0;
    const row =
      maxActive > 0 ? await this.jobs.createWithinLimit({ ...draft, apiKeyId: caller.keyId }, maxActive) : await this.jobs.create(draft);
    if (!row) {
      throw new DomainError(
        'active_jobs_limit',
        `this API key already has ${maxActive} jobs queued or running, its limit; retry when one finishes`,
        { retryAfterSeconds: ACTIVE_LIMIT_RETRY_AFTER_S },
      );
    }
    try {
      await this.queues.enqueue(row.id, row.language, this.config.worker.attempts);
    } catch (error) {
      this.logger.warn(`enqueue failed, job ${row.id} withdrawn: ${(error as Error).message}`);
      await this.jobs.delete(row.id).catch(() => undefined);
      throw new DomainError('unavailable', 'the job queue is unavailable; retry shortly');
    }
    return row;
  }

  /** Drops the queue entry of a job cancelled while queued; a worker that already holds it skips it. */
  async withdraw(job: Pick<Job, 'id' | 'language'>): Promise<void> {
    await this.queues.remove(job.id, job.language).catch(() => undefined);
  }
}
