import { Injectable } from '@nestjs/common';
import { classifyJob } from '#jobs';
import { cpus, freemem, totalmem, arch, hostname } from 'node:os';
import { DEFAULT_POOL } from '#contracts';
import { PrismaService } from '#db';
import { PoolBacklogReader, WorkerRegistry } from '#messaging';
import { judge0IdOf } from './judge0-languages';
import { Judge0Catalog } from './judge0-catalog.service';

const DAY_MS = 86_400_000;
/** Judge0 caches its statistics for 10 minutes; runq's are computed per request but say the same. */
const CACHE_MS = 10 * 60_000;

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)}Gi`;

/** Judge0's informational routes answered with runq's own facts: its workers, queues, jobs and host. */
@Injectable()
export class Judge0InfoService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workers: WorkerRegistry,
    private readonly backlog: PoolBacklogReader,
    private readonly catalog: Judge0Catalog,
  ) {}

  /** `[{queue, size, available, idle, working, paused, failed}]`, one per runq worker pool. */
  async workerQueues(): Promise<object[]> {
    const all = await this.workers.list();
    return Promise.all(
      this.backlog.pools().map(async (pool) => {
        const queue = await this.backlog.read(pool);
        const mine = all.filter((w) => (w.languagePool ?? DEFAULT_POOL) === pool);
        const working = mine.filter((w) => w.running > 0).length;
        return {
          queue: pool,
          size: queue.waiting + queue.prioritized + queue.delayedDue,
          available: mine.length,
          idle: mine.length - working,
          working,
          paused: 0,
          failed: mine.filter((w) => !w.docker.ok).length,
        };
      }),
    );
  }

  /** The API host as `lscpu` and `free -h` would describe it (Judge0's key names). */
  systemInfo(): Record<string, string> {
    const cpu = cpus();
    return {
      Architecture: arch(),
      'CPU(s)': String(cpu.length),
      'Model name': cpu[0]?.model ?? 'unknown',
      Hostname: hostname(),
      Mem: `${gib(totalmem())} total, ${gib(freemem())} free`,
      Swap: 'unknown',
    };
  }

  async statistics(): Promise<object> {
    const now = new Date();
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const since = new Date(today.getTime() - 29 * DAY_MS);
    const [total, todayCount, days, languages, outcomes, size] = await Promise.all([
      this.prisma.job.count(),
      this.prisma.job.count({ where: { createdAt: { gte: today } } }),
      this.prisma.$queryRaw<{ day: string; count: number }[]>`
        SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS "day", count(*)::int AS "count"
          FROM jobs WHERE created_at >= ${since} GROUP BY 1 ORDER BY 1`,
      this.prisma.job.groupBy({ by: ['language'], _count: { _all: true } }),
      this.prisma.job.groupBy({ by: ['status', 'outcome'], _count: { _all: true } }),
      this.prisma.$queryRaw<{ bytes: bigint }[]>`SELECT pg_database_size(current_database()) AS "bytes"`,
    ]);
    const byStatus = new Map<number, { status: { id: number; name: string }; count: number }>();
    for (const row of outcomes) {
      const status = classifyJob({ status: row.status, outcome: row.outcome, run: null });
      const entry = byStatus.get(status.id) ?? { status: { id: status.id, name: status.description }, count: 0 };
      entry.count += row._count._all;
      byStatus.set(status.id, entry);
    }
    const bytes = Number(size[0]?.bytes ?? 0);
    return {
      created_at: now.toISOString(),
      cached_until: new Date(now.getTime() + CACHE_MS).toISOString(),
      submissions: {
        total,
        today: todayCount,
        last_30_days: Object.fromEntries(days.map((d) => [d.day, Number(d.count)])),
      },
      languages: languages
        .filter((row) => judge0IdOf(row.language) !== null)
        .map((row) => ({ language: this.catalog.ref(row.language), count: row._count._all }))
        .sort((a, b) => b.count - a.count),
      statuses: [...byStatus.values()].sort((a, b) => b.count - a.count),
      database: { size_pretty: `${Math.round(bytes / 2 ** 20)} MB`, size_in_bytes: bytes },
    };
  }
}
