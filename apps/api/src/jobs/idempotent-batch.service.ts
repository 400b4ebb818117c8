import { Injectable } from '@nestjs/common';
import { DomainError } from '#contracts';
import { JobRepository } from '#jobs';
import type { Caller } from '../auth/caller';
import { IdempotencyStore, type IdempotencyRecord, type StoredBatchItem } from './idempotency.store';
import { JobSubmissionService, type BatchItem } from './job-submission.service';

/**
 * POST /jobs/batch under an Idempotency-Key. The key covers the whole batch: a retry with the
 * same body gets the same items (each job as it is now, each refused item with its error); a
 * batch the service stopped half-way (queue full or unavailable) is continued by the retry from
 * the first item it had not handled, so no item is ever created twice.
 */
@Injectable()
export class IdempotentBatchService {
  constructor(
    private readonly submissions: JobSubmissionService,
    private readonly store: IdempotencyStore,
    private readonly jobs: JobRepository,
  ) {}

  async create(items: unknown[], caller: Caller, idempotencyKey: string): Promise<{ items: BatchItem[]; replayed: boolean }> {
    const reservation = await this.store.reserve(caller.keyId, idempotencyKey, { jobs: items });
    const { record } = reservation;
    let results: BatchItem[] = [];
    if (reservation.kind === 'existing') {
      if (!reservation.sameRequest || record.jobId)
        throw new DomainError('idempotency_mismatch', 'Idempotency-Key was already used with a different request');
      if (record.state === 'done') return { items: await this.restore(record.items ?? []), replayed: true };
      if (record.state === 'pending' || !(await this.store.resume(caller.keyId, idempotencyKey, reservation)))
        throw new DomainError('conflict', 'a request with this Idempotency-Key is still being processed; retry shortly');
      results = await this.restore(record.items ?? []);
    }
    const handledBefore = results.length;
    try {
      await this.submissions.createBatch(items, caller, results);
    } catch (error) {
      await this.keepProgress(caller, idempotencyKey, record, results).catch(() => undefined);
      throw error;
    }
    await this.store.save(caller.keyId, idempotencyKey, { ...record, state: 'done', items: results.map(store) }).catch(() => undefined);
    return { items: results, replayed: handledBefore > 0 };
  }

  /** A batch that created nothing frees its key; one that stopped half-way is kept for the retry to continue. */
  private keepProgress(caller: Caller, idempotencyKey: string, record: IdempotencyRecord, results: BatchItem[]): Promise<void> {
    if (!results.length) return this.store.release(caller.keyId, idempotencyKey);
    return this.store.save(caller.keyId, idempotencyKey, { ...record, state: 'partial', items: results.map(store) });
  }

  /** Stored items back as jobs (as they are now) and errors; a job deleted since is an item not found. */
  private async restore(items: StoredBatchItem[]): Promise<BatchItem[]> {
    const ids = items.flatMap((item) => ('jobId' in item ? [item.jobId] : []));
    const found = new Map((await this.jobs.findMany(ids)).flatMap((job) => (job ? [[job.id, job] as const] : [])));
    return items.map((item) => {
      if ('error' in item) {
        const { code, message, ...details } = item.error;
        return { error: new DomainError(code, message, details) };
      }
      const job = found.get(item.jobId);
      return job ? { job } : { error: new DomainError('not_found', `job ${item.jobId} was deleted`) };
    });
  }
}

function store(item: BatchItem): StoredBatchItem {
  if ('job' in item) return { jobId: item.job.id };
  const { code, message, messages, retryAfterSeconds } = item.error;
  return { error: { code, message, messages, retryAfterSeconds } };
}
