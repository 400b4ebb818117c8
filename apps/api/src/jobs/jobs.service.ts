import {
  BadRequestException,
  ConflictException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { randomUUID } from 'node:crypto';
import {
  FINAL_STATUSES,
  type Comparison,
  type JobLimits,
  type JobStatus,
  type SourceFile,
  type TestCase,
  type TextEncoding,
} from '#contracts';
import { JobFinisher, JobRepository, type Job, type NewJob } from '#jobs';
import { JobEvents } from '#messaging';
import type { Caller } from '../auth/caller';
import { LanguagesService } from '../languages/languages.service';
import type { CreateJobDto } from './dto/create-job.dto';
import type { ListJobsQuery } from './dto/job-queries.dto';
import { validateJobBody } from './batch-item.validator';
import { IdempotencyStore } from './idempotency.store';
import { decodeCursor, encodeCursor, isUuid } from './job-cursor';
import { JobQueue } from './job-queue';
import { JobRequestFactory } from './job-request.factory';
import { JobWaiter } from './job-waiter';
import { QueueAdmission } from './queue-admission';
import { RetryAfterException } from '../common/retry-after.exception';

/** A key at its active-jobs cap waits for one of its jobs to finish; most finish within seconds. */
const ACTIVE_LIMIT_RETRY_AFTER_S = 2;

export type BatchItem = { job: Job } | { error: object };

export interface WaitResult {
  job: Job;
  finished: boolean;
}

@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);

  constructor(
    private readonly requests: JobRequestFactory,
    private readonly jobs: JobRepository,
    private readonly queue: JobQueue,
    private readonly waiter: JobWaiter,
    private readonly events: JobEvents,
    private readonly languages: LanguagesService,
    private readonly finisher: JobFinisher,
    private readonly idempotency: IdempotencyStore,
    private readonly admission: QueueAdmission,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async create(dto: CreateJobDto, caller: Caller): Promise<Job> {
    return this.persist(this.prepare(dto, caller), caller);
  }

  /**
   * Creates a job once per Idempotency-Key: a retry with the same key and body gets the
   * same job (replayed: true); the same key with another body is refused.
   */
  async createIdempotent(dto: CreateJobDto, caller: Caller, idempotencyKey: string): Promise<{ job: Job; replayed: boolean }> {
    const draft = this.prepare(dto, caller);
    const reservation = await this.idempotency.reserve(caller.keyId, idempotencyKey, dto, draft.id);
    if (reservation.kind === 'existing') {
      if (!reservation.sameRequest) throw new UnprocessableEntityException('Idempotency-Key was already used with a different request');
      const job = await this.jobs.findById(reservation.jobId);
      if (!job) throw new ConflictException('a request with this Idempotency-Key is still being processed; retry shortly');
      return { job, replayed: true };
    }
    try {
      return { job: await this.persist(draft, caller), replayed: false };
    } catch (error) {
      await this.idempotency.release(caller.keyId, idempotencyKey).catch(() => undefined);
      throw error;
    }
  }

  /** Creates a job and waits (woken by its finished event) up to the bounded wait. */
  async createAndWait(dto: CreateJobDto, caller: Caller, waitMs: number | undefined): Promise<WaitResult> {
    const ms = Math.min(waitMs ?? this.config.wait.defaultMs, this.config.wait.maxMs);
    const draft = this.prepare(dto, caller);
    // Armed before the job exists in the queue, so even an instant completion is seen.
    const { done, disarm } = this.waiter.arm(draft.id, ms);
    let row: Job;
    try {
      row = await this.persist(draft, caller);
    } catch (error) {
      disarm();
      throw error;
    }
    await done;
    const latest = (await this.jobs.findById(row.id)) ?? row;
    return { job: latest, finished: FINAL_STATUSES.includes(latest.status as JobStatus) };
  }

  /**
   * A new job with the same program, input and limits as `source` (already validated when it
   * was created), submitted by `caller`, on the toolchain version installed now. No webhook:
   * the new job's result is read from the dashboard or the API.
   */
  async rerun(source: Job, caller: Caller): Promise<Job> {
    return this.persist(
      {
        id: randomUUID(),
        apiKeyId: caller.keyId,
        language: source.language,
        version: this.languages.checkVersion(source.language, undefined),
        files: source.files,
        stdin: source.stdin,
        args: source.args,
        compileOptions: source.compileOptions,
        limits: source.limits,
        encoding: source.encoding,
        expectedOutput: source.expectedOutput,
        comparison: source.comparison,
        tests: source.tests,
        callbackUrl: null,
      },
      caller,
    );
  }

  private prepare(dto: CreateJobDto, caller: Caller): NewJob {
    const draft = this.requests.build(dto, caller.keyId);
    draft.version = this.languages.checkVersion(draft.language, dto.version);
    return draft;
  }

  /**
   * Admits the job (queue depth, the key's active-jobs cap), inserts the row, then enqueues
   * its id; if the queue is unreachable the row is removed again.
   */
  private async persist(draft: NewJob, caller: Caller, admitted = false): Promise<Job> {
    if (!admitted) await this.admission.admit();
    const maxActive = caller.limits?.maxActiveJobs ?? 0;
    const row =
      maxActive > 0 ? await this.jobs.createWithinLimit({ ...draft, apiKeyId: caller.keyId }, maxActive) : await this.jobs.create(draft);
    if (!row) {
      throw new RetryAfterException(
        HttpStatus.TOO_MANY_REQUESTS,
        `this API key already has ${maxActive} jobs queued or running, its limit; retry when one finishes`,
        ACTIVE_LIMIT_RETRY_AFTER_S,
      );
    }
    try {
      await this.queue.enqueue(row.id, row.language);
    } catch (error) {
      this.logger.warn(`enqueue failed, job ${row.id} withdrawn: ${(error as Error).message}`);
      await this.jobs.delete(row.id).catch(() => undefined);
      throw new ServiceUnavailableException('the job queue is unavailable; retry shortly');
    }
    return row;
  }

  /** Creates the valid items of a batch, in order; an invalid item gets its error in place. */
  async createBatch(items: unknown[], caller: Caller): Promise<BatchItem[]> {
    const { maxBatch } = this.config.judging;
    if (items.length > maxBatch) throw new BadRequestException(`jobs must contain no more than ${maxBatch} items`);
    // Admitted as a whole: a batch is refused before any item is created, never half-way through.
    await this.admission.admit();
    const results: BatchItem[] = [];
    for (const item of items) {
      try {
        results.push({ job: await this.persist(this.prepare(await validateJobBody(item), caller), caller, true) });
      } catch (error) {
        if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
        results.push({ error: error.getResponse() as object });
      }
    }
    return results;
  }

  /** The jobs with these ids that the caller may see, in order; null for the others. */
  async getMany(ids: string[], caller: Caller): Promise<(Job | null)[]> {
    // Only well-formed ids reach the database (a malformed uuid is a query error there, not a miss).
    const found = await this.jobs.findMany(ids.filter(isUuid));
    const byId = new Map(found.flatMap((row) => (row ? [[row.id, row] as const] : [])));
    return ids.map((id) => {
      const row = byId.get(id);
      return row && this.canSee(row, caller) ? row : null;
    });
  }

  async get(id: string, caller: Caller): Promise<Job> {
    const row = isUuid(id) ? await this.jobs.findById(id) : null;
    if (!row || !this.canSee(row, caller)) throw new NotFoundException(`job ${id} was not found`);
    return row;
  }

  async list(query: ListJobsQuery, caller: Caller): Promise<{ items: Job[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    const language = query.language ? (this.languages.resolveId(query.language) ?? query.language) : undefined;
    const rows = await this.jobs.list({
      status: query.status,
      language,
      apiKeyId: caller.role === 'admin' ? undefined : caller.keyId,
      before: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** queued → cancelled (never runs); running → cancelled (its container is killed); finished → 409. */
  async cancel(id: string, caller: Caller): Promise<Job> {
    const row = await this.get(id, caller);
    if (await this.jobs.cancel(id, 'queued')) {
      await this.queue.remove(id, row.language);
    } else if (await this.jobs.cancel(id, 'running')) {
      await this.events.publishCancel(id);
    } else {
      const now = await this.get(id, caller);
      throw new ConflictException(`job ${id} is already ${now.status} and cannot be cancelled`);
    }
    await this.finisher.finished(row);
    return (await this.jobs.findById(id)) ?? row;
  }

  private canSee(row: Job, caller: Caller): boolean {
    return caller.role === 'admin' || row.apiKeyId === caller.keyId;
  }
}
