import { Injectable } from '@nestjs/common';
import { DomainError, type AdminKeyView, type JobDetail, type JobSummary, type JobSummaryPage, type JobView } from '#contracts';
import { presentJob, presentTimes } from '#jobs';
import { WorkerRegistry } from '#messaging';
import type { Caller } from '../auth/caller';
import { decodeCursor, encodeCursor, isUuid } from '../jobs/job-cursor';
import { JobSubmissionService } from '../jobs/job-submission.service';
import { AdminJobsRepository, type JobDetailRow, type JobSummaryRow } from './admin-jobs.repository';
import type { AdminJobsQuery } from './dto/admin-queries.dto';

@Injectable()
export class AdminJobsService {
  constructor(
    private readonly repository: AdminJobsRepository,
    private readonly jobs: JobSubmissionService,
    private readonly workers: WorkerRegistry,
  ) {}

  async list(query: AdminJobsQuery): Promise<JobSummaryPage> {
    const limit = query.limit ?? 25;
    const { rows, total } = await this.repository.list(
      {
        status: query.status,
        outcome: query.outcome,
        language: query.language,
        apiKeyId: query.apiKeyId,
        idPrefix: query.id,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        before: query.cursor ? decodeCursor(query.cursor) : undefined,
      },
      limit + 1,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(toSummary), total, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  async detail(id: string): Promise<JobDetail> {
    const row = await this.find(id);
    const worker = row.workerId ? ((await this.workers.list()).find((w) => w.id === row.workerId) ?? null) : null;
    const { function: _publicCall, ...view } = presentJob(row);
    const call = row.functionCall;
    return {
      ...view,
      ...(call ? { function: { name: call.name, inputs: call.inputs } } : {}),
      files: row.files,
      stdin: row.stdin,
      expectedOutput: row.expectedOutput,
      testCases: row.tests,
      apiKey: row.apiKey,
      worker: row.workerId
        ? {
            id: row.workerId,
            host: worker?.host ?? null,
            // What ran this job; the worker's current setting only for jobs from before that was recorded.
            runtime: row.timings?.runtime ?? worker?.runtime ?? null,
            alive: Boolean(worker),
          }
        : null,
    };
  }

  cancel(id: string, caller: Caller): Promise<JobView> {
    return this.jobs.cancel(id, caller).then((row) => presentJob(row));
  }

  async rerun(id: string, caller: Caller): Promise<JobView> {
    return presentJob(await this.jobs.rerun(await this.find(id), caller));
  }

  /** Deletes the job; one still queued or running is cancelled first, so no worker keeps running it. */
  delete(id: string, caller: Caller): Promise<void> {
    return this.jobs.remove(id, caller, true);
  }

  async keys(): Promise<AdminKeyView[]> {
    const keys = await this.repository.keys();
    return keys.map((k) => ({ ...k, revokedAt: k.revokedAt?.toISOString() ?? null }));
  }

  private async find(id: string): Promise<JobDetailRow> {
    const row = isUuid(id) ? await this.repository.findDetail(id) : null;
    if (!row) throw new DomainError('not_found', `job ${id} was not found`);
    return row;
  }
}

function toSummary(row: JobSummaryRow): JobSummary {
  return {
    id: row.id,
    status: row.status,
    outcome: row.outcome,
    language: row.language,
    version: row.version,
    apiKey: row.apiKeyId && row.apiKey ? { id: row.apiKeyId, name: row.apiKey.name, prefix: row.apiKey.prefix } : null,
    workerId: row.workerId,
    attempts: row.attempts,
    ...presentTimes(row),
  };
}
