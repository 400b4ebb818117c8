import { Injectable } from '@nestjs/common';
import { PrismaService } from '#db';
import { toJob, type Job } from '#jobs';

/** Page-numbered listing, as Judge0 pages (runq's own listing uses cursors). */
@Injectable()
export class Judge0SubmissionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first; `apiKeyId` undefined lists every key's jobs. */
  async page(apiKeyId: string | undefined, page: number, perPage: number): Promise<{ jobs: Job[]; total: number }> {
    const where = { apiKeyId };
    const [rows, total] = await Promise.all([
      this.prisma.job.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * perPage,
        take: perPage,
      }),
      this.prisma.job.count({ where }),
    ]);
    return { jobs: rows.map(toJob), total };
  }
}
