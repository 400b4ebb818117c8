import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, type JobStatus } from '#db';
import { toJob, type Job } from '#jobs';
import type { Outcome } from '#contracts';
import { uuidPrefixRange } from './job-id-range';

export interface AdminJobFilter {
  status?: JobStatus;
  outcome?: Outcome;
  language?: string;
  apiKeyId?: string;
  idPrefix?: string;
  from?: Date;
  to?: Date;
  /** Exclusive upper bound in (createdAt, id) order, newest first. */
  before?: { createdAt: Date; id: string };
}

/** A row of the jobs table: everything but sources and outputs. */
export type JobSummaryRow = Pick<
  Job,
  'id' | 'status' | 'outcome' | 'language' | 'version' | 'apiKeyId' | 'workerId' | 'attempts' | 'createdAt' | 'startedAt' | 'finishedAt'
> & { apiKey: { name: string; prefix: string } | null };

export type JobDetailRow = Job & { apiKey: { id: string; name: string; prefix: string; role: string } | null };

/** The dashboard's reads of the jobs and api_keys tables (the public API's live in JobRepository). */
@Injectable()
export class AdminJobsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(filter: AdminJobFilter, take: number): Promise<{ rows: JobSummaryRow[]; total: number }> {
    const where = whereOf(filter);
    const page: Prisma.JobWhereInput = { ...where };
    if (filter.before) {
      const { createdAt, id } = filter.before;
      page.AND = [{ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] }];
    }
    const [rows, total] = await Promise.all([
      this.prisma.job.findMany({
        where: page,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take,
        select: {
          id: true,
          status: true,
          outcome: true,
          language: true,
          version: true,
          apiKeyId: true,
          workerId: true,
          attempts: true,
          createdAt: true,
          startedAt: true,
          finishedAt: true,
          apiKey: { select: { name: true, prefix: true } },
        },
      }),
      this.prisma.job.count({ where }),
    ]);
    return { rows, total };
  }

  async findDetail(id: string): Promise<JobDetailRow | null> {
    const row = await this.prisma.job.findUnique({
      where: { id },
      include: { apiKey: { select: { id: true, name: true, prefix: true, role: true } } },
    });
    return row && { ...toJob(row), apiKey: row.apiKey };
  }

  keys(): Promise<{ id: string; name: string; prefix: string; role: string; revokedAt: Date | null }[]> {
    return this.prisma.apiKey.findMany({
      orderBy: { createdAt: 'asc' },
      select: { id: true, name: true, prefix: true, role: true, revokedAt: true },
    });
  }
}

function whereOf(filter: AdminJobFilter): Prisma.JobWhereInput {
  const where: Prisma.JobWhereInput = {
    status: filter.status,
    outcome: filter.outcome,
    language: filter.language,
    apiKeyId: filter.apiKeyId,
  };
  if (filter.idPrefix) {
    const range = uuidPrefixRange(filter.idPrefix);
    where.id = range ?? undefined;
  }
  if (filter.from || filter.to) where.createdAt = { gte: filter.from, lt: filter.to };
  return where;
}
