import { Inject, Injectable } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { DomainError, FINAL_STATUSES, SERVICE_REFUSAL_CODES, type JobStatus } from '#contracts';
import { JobFinisher, JobRepository, type Job } from '#jobs';
import { JobEvents } from '#messaging';
import type { Caller } from '../auth/caller';
import type { CreateJobDto } from './dto/create-job.dto';
import { validateJobBody } from './batch-item.validator';
import { IdempotencyStore } from './idempotency.store';
import { JobIntake } from './job-intake';
import { findVisible } from './job-query.service';
import { JobRequestFactory } from './job-request.factory';
import { JobWaiter } from './job-waiter';

/** A created job, or why this item of a batch was refused. */
export type BatchItem = { job: Job } | { error: DomainError };

export interface WaitResult {
  job: Job;
  finished: boolean;
}

/** Everything that creates or stops a job: single, idempotent, waited for, batched, rerun, cancelled. */
@Injectable()
export class JobSubmissionService {
  constructor(
    private readonly requests: JobRequestFactory,
    private readonly intake: JobIntake,
    private readonly jobs: JobRepository,
    private readonly idempotency: IdempotencyStore,
    private readonly waiter: JobWaiter,
    private readonly events: JobEvents,
    private readonly finisher: JobFinisher,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async create(dto: CreateJobDto, caller: Caller): Promise<Job> {
    return this.intake.place(this.requests.build(dto, caller.keyId), caller);
  }

  /**
   * Creates a job once per Idempotency-Key: a retry with the same key and body gets the
   * same job (replayed: true); the same key with another body is refused.
   */
  async createIdempotent(dto: CreateJobDto, caller: Caller, idempotencyKey: string): Promise<{ job: Job; replayed: boolean }> {
    const draft = this.requests.build(dto, caller.keyId);
    const reservation = await this.idempotency.reserve(caller.keyId, idempotencyKey, dto, draft.id);
    if (reservation.kind === 'existing') {
      if (!reservation.sameRequest)
        throw new DomainError('idempotency_mismatch', 'Idempotency-Key was already used with a different request');
      const job = await this.jobs.findById(reservation.jobId);
      if (!job) throw new DomainError('conflict', 'a request with this Idempotency-Key is still being processed; retry shortly');
      return { job, replayed: true };
    }
    try {
      return { job: await this.intake.place(draft, caller), replayed: false };
    } catch (error) {
      await this.idempotency.release(caller.keyId, idempotencyKey).catch(() => undefined);
      throw error;
    }
  }

  /** Creates a job and waits (woken by its finished event) up to the bounded wait. */
  async createAndWait(dto: CreateJobDto, caller: Caller, waitMs: number | undefined): Promise<WaitResult> {
    const ms = Math.min(waitMs ?? this.config.wait.defaultMs, this.config.wait.maxMs);
    const draft = this.requests.build(dto, caller.keyId);
    // Armed before the job exists in the queue, so even an instant completion is seen.
    const { done, disarm } = this.waiter.arm(draft.id, ms);
    let row: Job;
    try {
      row = await this.intake.place(draft, caller);
    } catch (error) {
      disarm();
      throw error;
    }
    await done;
    const latest = (await this.jobs.findById(row.id)) ?? row;
    return { job: latest, finished: FINAL_STATUSES.includes(latest.status as JobStatus) };
  }

  /** Creates the valid items of a batch, in order; an invalid item gets its error in place. */
  async createBatch(items: unknown[], caller: Caller): Promise<BatchItem[]> {
    const { maxBatch } = this.config.judging;
    if (items.length > maxBatch) throw DomainError.invalid(`jobs must contain no more than ${maxBatch} items`, 'jobs');
    // Admitted as a whole: a batch is refused before any item is created, never half-way through.
    await this.intake.admit();
    const results: BatchItem[] = [];
    for (const item of items) {
      try {
        const draft = this.requests.build(await validateJobBody(item), caller.keyId);
        results.push({ job: await this.intake.place(draft, caller, true) });
      } catch (error) {
        // Only what is wrong with this item stays in place; a service that cannot take work fails the batch.
        if (!(error instanceof DomainError) || SERVICE_REFUSAL_CODES.includes(error.code)) throw error;
        results.push({ error });
      }
    }
    return results;
  }

  /** A copy of `source` (see JobRequestFactory.rebuild) submitted by `caller`. */
  async rerun(source: Job, caller: Caller): Promise<Job> {
    return this.intake.place(this.requests.rebuild(source, caller.keyId), caller);
  }

  /** queued → cancelled (never runs); running → cancelled (its container is killed); finished → conflict. */
  async cancel(id: string, caller: Caller): Promise<Job> {
    const row = await findVisible(this.jobs, id, caller);
    if (await this.jobs.cancel(id, 'queued')) {
      await this.intake.withdraw(row);
    } else if (await this.jobs.cancel(id, 'running')) {
      await this.events.publishCancel(id);
    } else {
      const now = await findVisible(this.jobs, id, caller);
      throw new DomainError('conflict', `job ${id} is already ${now.status} and cannot be cancelled`);
    }
    await this.finisher.finished(row);
    return (await this.jobs.findById(id)) ?? row;
  }
}
