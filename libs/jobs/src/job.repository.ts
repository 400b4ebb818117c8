import { Injectable } from '@nestjs/common';
import { FINAL_STATUSES, type CallbackState, type ExecutionResult, type JobStatus, type Outcome } from '#contracts';
import { Prisma, PrismaService, type JobRecord } from '#db';
import type { Job, NewJob } from './job';
import { toJob, toJson } from './job-record.mapper';
import { claimJobSql, completeJobSql, findJobSql, insertJobSql } from './job-sql';

export interface JobListQuery {
  status?: JobStatus;
  outcome?: Outcome;
  language?: string;
  apiKeyId?: string;
  /** Created at or after. */
  createdAfter?: Date;
  /** Created before. */
  createdBefore?: Date;
  /** Exclusive upper bound in (createdAt, id) order, newest first. */
  before?: { createdAt: Date; id: string };
  limit: number;
}

/** Submissions of one key queue on its lock; give them room before a pool wait becomes an error (a 503). */
const TX_OPTIONS = { maxWait: 5000, timeout: 5000 };

export type ClaimResult = { kind: 'claimed'; row: Job } | { kind: 'exhausted'; row: Job };

const UNFINISHED_FIELDS = {
  id: true,
  status: true,
  attempts: true,
  workerId: true,
  callbackUrl: true,
  createdAt: true,
  language: true,
} as const;
/** What recovery needs to know of a job that has not finished (no sources, no results). */
export type UnfinishedJob = Pick<Job, keyof typeof UNFINISHED_FIELDS>;

/** Every read and write of the jobs table. Writes that finish a job are conditional. */
@Injectable()
export class JobRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(job: NewJob): Promise<Job> {
    const [row] = await this.prisma.$queryRaw<JobRecord[]>(insertJobSql(job, new Date()));
    return toJob(row);
  }

  /**
   * Inserts the job unless its key already has `maxActive` jobs queued or running; null then.
   * A per-key advisory lock serialises the count and the insert across API processes, so
   * concurrent submissions cannot overshoot the cap.
   */
  async createWithinLimit(job: NewJob & { apiKeyId: string }, maxActive: number): Promise<Job | null> {
    const row = await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${job.apiKeyId}, 7))`;
      const active = await tx.job.count({ where: { apiKeyId: job.apiKeyId, status: { in: ['queued', 'running'] } } });
      if (active >= maxActive) return null;
      const [created] = await tx.$queryRaw<JobRecord[]>(insertJobSql(job, new Date()));
      return created;
    }, TX_OPTIONS);
    return row && toJob(row);
  }

  /** Several jobs at once (one query), in the order of `ids`; null where none is found. */
  async findMany(ids: string[]): Promise<(Job | null)[]> {
    const rows = (await this.prisma.job.findMany({ where: { id: { in: ids } } })).map(toJob);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The job and the signing secret of the key that submitted it. */
  async findForCallback(id: string): Promise<{ job: Job; secret: string | null } | null> {
    const row = await this.prisma.job.findUnique({ where: { id }, include: { apiKey: { select: { webhookSecret: true } } } });
    if (!row) return null;
    const { apiKey, ...job } = row;
    return { job: toJob(job), secret: apiKey?.webhookSecret ?? null };
  }

  async recordCallback(id: string, state: CallbackState): Promise<void> {
    await this.prisma.job.updateMany({ where: { id }, data: { callback: toJson(state) } });
  }

  async findById(id: string): Promise<Job | null> {
    const [row] = await this.prisma.$queryRaw<JobRecord[]>(findJobSql(id));
    return row ? toJob(row) : null;
  }

  async list(query: JobListQuery): Promise<Job[]> {
    const where: Prisma.JobWhereInput = {
      status: query.status,
      outcome: query.outcome,
      language: query.language,
      apiKeyId: query.apiKeyId,
    };
    if (query.createdAfter || query.createdBefore) where.createdAt = { gte: query.createdAfter, lt: query.createdBefore };
    if (query.before) {
      const { createdAt, id } = query.before;
      where.OR = [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }];
    }
    const rows = await this.prisma.job.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit });
    return rows.map(toJob);
  }

  delete(id: string): Promise<unknown> {
    return this.prisma.job.delete({ where: { id } });
  }

  /** Deletes the job if it has finished; false when it has not, or is gone. */
  async deleteFinished(id: string): Promise<boolean> {
    const { count } = await this.prisma.job.deleteMany({ where: { id, status: { in: [...FINAL_STATUSES] } } });
    return count === 1;
  }

  /**
   * Deletes up to `limit` jobs that finished before `cutoff`, oldest first, and tells how many of
   * each status went. Rows another transaction holds are skipped (taken by a later batch), so a
   * sweep never waits on, nor blocks, the API.
   */
  async deleteFinishedBefore(cutoff: Date, limit: number): Promise<Partial<Record<JobStatus, number>>> {
    const rows = await this.prisma.$queryRaw<{ status: JobStatus; n: number }[]>`
      WITH doomed AS (
        SELECT id FROM jobs
        WHERE finished_at < ${cutoff.toISOString()}::timestamptz AND status IN ('completed', 'failed', 'cancelled')
        ORDER BY finished_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ), gone AS (
        DELETE FROM jobs USING doomed WHERE jobs.id = doomed.id RETURNING jobs.status
      )
      SELECT status::text AS status, count(*)::int AS n FROM gone GROUP BY status`;
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }

  /**
   * Marks a job running for a new attempt. A job already `running` is claimed again:
   * its previous worker died and the queue handed it out once more, unless that worker
   * had the last of `maxAttempts` (then `exhausted`). Returns null when the job is
   * cancelled, finished or gone.
   */
  async claim(id: string, workerId: string, maxAttempts: number): Promise<ClaimResult | null> {
    const [claimed] = await this.prisma.$queryRaw<JobRecord[]>(claimJobSql(id, workerId, maxAttempts, new Date()));
    if (claimed) return { kind: 'claimed', row: toJob(claimed) };
    const row = await this.findById(id);
    return row?.status === 'running' ? { kind: 'exhausted', row } : null;
  }

  /** Hands a running attempt's job back to `queued` (shutdown, lost worker); false when the attempt no longer owns it. */
  async release(id: string, attempt: number): Promise<boolean> {
    const { count } = await this.prisma.job.updateMany({
      where: { id, status: 'running', attempts: attempt },
      data: { status: 'queued' },
    });
    return count === 1;
  }

  /** Running jobs, oldest start first: the reconciler checks that someone still runs them. */
  findRunning(limit: number): Promise<UnfinishedJob[]> {
    return this.prisma.job.findMany({
      where: { status: 'running' },
      select: UNFINISHED_FIELDS,
      orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
  }

  /** Queued jobs created before `createdBefore`, in (createdAt, id) order after `after`. */
  findQueued(createdBefore: Date, after: { createdAt: Date; id: string } | null, limit: number): Promise<UnfinishedJob[]> {
    const where: Prisma.JobWhereInput = { status: 'queued', createdAt: { lt: createdBefore } };
    if (after) where.OR = [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }];
    return this.prisma.job.findMany({ where, select: UNFINISHED_FIELDS, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: limit });
  }

  /**
   * Records a result (and the toolchain version that produced it), only if this attempt still
   * owns the job; a webhook is marked due in the same write. The row as written, or null.
   */
  async complete(id: string, attempt: number, result: ExecutionResult, version: string | null): Promise<Job | null> {
    const [row] = await this.prisma.$queryRaw<JobRecord[]>(completeJobSql(id, attempt, result, version || null, new Date()));
    return row ? toJob(row) : null;
  }

  async fail(id: string, attempt: number, message: string): Promise<boolean> {
    const { count } = await this.prisma.job.updateMany({
      where: { id, status: 'running', attempts: attempt },
      data: { status: 'failed', outcome: 'internal_error', message, finishedAt: new Date() },
    });
    return count === 1;
  }

  /** Cancels a job that is still in `from`; false when it has moved on. */
  async cancel(id: string, from: 'queued' | 'running'): Promise<boolean> {
    const { count } = await this.prisma.job.updateMany({
      where: { id, status: from },
      data: { status: 'cancelled', finishedAt: new Date(), message: 'cancelled by request' },
    });
    return count === 1;
  }
}
