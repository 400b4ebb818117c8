import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '#db';

/** One minute of one language (language null: all languages together). */
export interface MinuteStatsRow {
  minute: Date;
  language: string | null;
  jobs: number;
  runP50: number | null;
  runP95: number | null;
  queueP50: number | null;
  queueP95: number | null;
}

/**
 * Throughput and latency of finished jobs per minute, by language and overall, computed by
 * Postgres (percentile_cont) so the API never loads the rows. Run time is started → finished
 * (compile included), queue time created → started.
 */
@Injectable()
export class JobStatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async perMinute(since: Date): Promise<MinuteStatsRow[]> {
    const rows = await this.prisma.$queryRaw<MinuteStatsRow[]>(Prisma.sql`
      SELECT date_trunc('minute', finished_at) AS "minute",
             language AS "language",
             count(*)::int AS "jobs",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at) * 1000) AS "runP50",
             percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at) * 1000) AS "runP95",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at) * 1000) AS "queueP50",
             percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at) * 1000) AS "queueP95"
        FROM jobs
       WHERE finished_at >= ${since} AND started_at IS NOT NULL AND status IN ('completed', 'failed')
       GROUP BY GROUPING SETS ((1, 2), (1))
       ORDER BY 1`);
    return rows.map((r) => ({
      ...r,
      jobs: Number(r.jobs),
      runP50: num(r.runP50),
      runP95: num(r.runP95),
      queueP50: num(r.queueP50),
      queueP95: num(r.queueP95),
    }));
  }
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10);
