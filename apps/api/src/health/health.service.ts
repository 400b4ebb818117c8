import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { PrismaService } from '#db';
import { REDIS, WorkerRegistry } from '#messaging';

export interface CheckResult {
  ok: boolean;
  status: 'up' | 'down';
  /** Latency of the check in milliseconds. */
  ms: number;
  error?: string;
  [detail: string]: unknown;
}

const CHECK_TIMEOUT_MS = 2000;

async function timed(check: () => Promise<Record<string, unknown> | void>): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)),
    );
    const details = (await Promise.race([check(), timeout])) ?? {};
    const ok = details.ok !== false;
    return { ok, status: ok ? 'up' : 'down', ms: Date.now() - started, ...details };
  } catch (error) {
    return { ok: false, status: 'down', ms: Date.now() - started, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness: Postgres and Redis from here; Docker from the workers' heartbeats (the API never talks to Docker). */
@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly workers: WorkerRegistry,
  ) {}

  async readiness(): Promise<{ status: 'ok' | 'unavailable'; checks: Record<string, CheckResult> }> {
    const [postgres, redis, workers] = await Promise.all([
      timed(async () => void (await this.prisma.$queryRaw`SELECT 1`)),
      timed(async () => void (await this.redis.ping())),
      timed(async () => {
        const list = await this.workers.list();
        const dockerOk = list.filter((w) => w.docker.ok).length;
        return { ok: dockerOk > 0, workers: list.length, dockerReachable: dockerOk, ...(list.length ? {} : { error: 'no live worker' }) };
      }),
    ]);
    const checks = { postgres, redis, workers };
    return { status: Object.values(checks).every((c) => c.ok) ? 'ok' : 'unavailable', checks };
  }
}
