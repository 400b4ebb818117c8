import { Inject, Injectable } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { DomainError, FINAL_STATUSES, SERVICE_REFUSAL_CODES, type JobStatus } from '#contracts';
import { JobFinisher, JobRepository, type Job, type NewJob } from '#jobs';
import { JobEvents } from '#messaging';
import type { Caller } from '../auth/caller';
import type { CreateJobDto } from './dto/create-job.dto';
import { validateJobBody } from './batch-item.validator';
import { IdempotencyStore, type IdempotencyRecord } from './idempotency.store';
import { JobIntake } from './job-intake';
import { findVisible } from './job-query.service';
import { JobRequestFactory } from './job-request.factory';
import { JobWaiter, type WaitEnd } from './job-waiter';

/** A created job, or why this item of a batch was refused. */
export type BatchItem = { job: Job } | { error: DomainError };

/** Request facts a compatible surface records on its jobs beside the request itself (e.g. how its webhook is sent). */
export type JobExtras = Pick<NewJob, 'callbackFormat' | 'runs' | 'redirectStderr'>;

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

  async create(dto: CreateJobDto, caller: Caller, extras: JobExtras = {}): Promise<Job> {
    return this.intake.place({ ...this.requests.build(dto, caller.keyId), ...extras }, caller);
  }

  /**
   * Creates a job once per Idempotency-Key: a retry with the same key and body gets the
   * same job (replayed: true); the same key with another body is refused.
   */
  async createIdempotent(dto: CreateJobDto, caller: Caller, idempotencyKey: string): Promise<{ job: Job; replayed: boolean }> {
    const draft = this.requests.build(dto, caller.keyId);
    const reserved = await this.reserve(dto, caller, idempotencyKey, draft.id);
    if ('earlier' in reserved) return { job: reserved.earlier, replayed: true };
    return { job: await this.placeReserved(draft, caller, idempotencyKey, reserved.record), replayed: false };
  }

  /**
   * Creates a job and waits (woken by its finished event) up to the bounded wait. With an
   * Idempotency-Key, a retry waits for the job the key created instead (replayed: true).
   */
  async createAndWait(
    dto: CreateJobDto,
    caller: Caller,
    waitMs: number | undefined,
    idempotencyKey?: string | null,
    extras: JobExtras = {},
  ): Promise<WaitResult & { replayed: boolean }> {
    const ms = Math.min(waitMs ?? this.config.wait.defaultMs, this.config.wait.maxMs);
    const draft = { ...this.requests.build(dto, caller.keyId), ...extras };
    const reserved = idempotencyKey ? await this.reserve(dto, caller, idempotencyKey, draft.id) : null;
    if (reserved && 'earlier' in reserved) return { ...(await this.waitFor(reserved.earlier, ms)), replayed: true };
    // Armed before the job exists in the queue, so even an instant completion is seen.
    const { done, disarm } = this.waiter.arm(draft.id, ms);
    let row: Job;
    try {
      row =
        idempotencyKey && reserved
          ? await this.placeReserved(draft, caller, idempotencyKey, reserved.record)
          : await this.intake.place(draft, caller);
    } catch (error) {
      disarm();
      throw error;
    }
    return { ...(await this.waitEnded(done, row)), replayed: false };
  }

  /** Waits up to `ms` for a job that already exists (a replayed request) to finish. */
  private async waitFor(job: Job, ms: number): Promise<WaitResult> {
    if (isFinal(job)) return { job, finished: true };
    const { done, disarm } = this.waiter.arm(job.id, ms);
    // It may have finished between the first read and the arming.
    const now = (await this.jobs.findById(job.id)) ?? job;
    if (isFinal(now)) {
      disarm();
      return { job: now, finished: true };
    }
    return this.waitEnded(done, now);
  }

  /** How an armed wait ended: the row that rode on the finished event, else the row as it is now (else `known`). */
  private async waitEnded(done: Promise<WaitEnd>, known: Job): Promise<WaitResult> {
    const end = await done;
    const latest = (end.woken && end.job) || ((await this.jobs.findById(known.id)) ?? known);
    return { job: latest, finished: isFinal(latest) };
  }

  /** Takes the key for the job `jobId` about to be created; or the job an earlier request with it created. */
  private async reserve(
    dto: CreateJobDto,
    caller: Caller,
    idempotencyKey: string,
    jobId: string,
  ): Promise<{ earlier: Job } | { record: IdempotencyRecord }> {
    const reservation = await this.idempotency.reserve(caller.keyId, idempotencyKey, dto, jobId);
    if (reservation.kind === 'new') return { record: reservation.record };
    const { record, sameRequest } = reservation;
    if (!sameRequest) throw new DomainError('idempotency_mismatch', 'Idempotency-Key was already used with a different request');
    const job = record.jobId ? await this.jobs.findById(record.jobId) : null;
    if (job) return { earlier: job };
    if (record.state === 'done')
      throw new DomainError('conflict', `job ${record.jobId} created with this Idempotency-Key has been deleted; use a new key`);
    throw new DomainError('conflict', 'a request with this Idempotency-Key is still being processed; retry shortly');
  }

  /** Creates the reserved job and records it under its key; a job that could not be created frees the key. */
  private async placeReserved(draft: NewJob, caller: Caller, idempotencyKey: string, record: IdempotencyRecord): Promise<Job> {
    let job: Job;
    try {
      job = await this.intake.place(draft, caller);
    } catch (error) {
      await this.idempotency.release(caller.keyId, idempotencyKey).catch(() => undefined);
      throw error;
    }
    // Unsaved (Redis failing), the pending reservation still names the job until it expires.
    await this.idempotency.save(caller.keyId, idempotencyKey, { ...record, state: 'done' }).catch(() => undefined);
    return job;
  }

  /**
   * Creates the valid items of a batch, in order; an invalid item gets its error in place.
   * `results` holds the items already handled (a batch resumed under its Idempotency-Key) and
   * receives each new one as it is handled, so a caller sees how far a failed batch got.
   */
  /** `extras` apply to every item, or one per item (by index) when a list. */
  async createBatch(
    items: unknown[],
    caller: Caller,
    results: BatchItem[] = [],
    extras: JobExtras | readonly JobExtras[] = {},
  ): Promise<BatchItem[]> {
    const { maxBatch } = this.config.judging;
    if (items.length > maxBatch) throw DomainError.invalid(`jobs must contain no more than ${maxBatch} items`, 'jobs');
    // Admitted as a whole: a batch is refused before any item is created, never half-way through.
    await this.intake.admit();
    for (const item of items.slice(results.length)) {
      const itemExtras = Array.isArray(extras) ? extras[results.length] : (extras as JobExtras);
      try {
        const draft = { ...this.requests.build(await validateJobBody(item), caller.keyId), ...itemExtras };
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

  /**
   * Deletes a finished job. A queued or running one is refused (conflict), unless `force`:
   * it is then cancelled first, so no worker keeps running it.
   */
  async remove(id: string, caller: Caller, force = false): Promise<void> {
    const row = await findVisible(this.jobs, id, caller);
    if (!isFinal(row)) {
      if (!force) throw new DomainError('conflict', `job ${id} is ${row.status}: cancel it first, or delete it with force=true`);
      await this.cancel(id, caller).catch((error: unknown) => {
        if (!(error instanceof DomainError && error.code === 'conflict')) throw error; // it finished meanwhile: delete it all the same
      });
    }
    // Only a finished row is deleted; none left means another request deleted it first.
    if (!(await this.jobs.deleteFinished(id))) throw new DomainError('not_found', `job ${id} was not found`);
  }
}

function isFinal(job: Pick<Job, 'status'>): boolean {
  return FINAL_STATUSES.includes(job.status as JobStatus);
}
