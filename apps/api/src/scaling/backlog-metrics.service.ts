import { Injectable } from '@nestjs/common';
import { DEFAULT_POOL } from '#contracts';
import { PoolBacklogReader, WorkerRegistry, type QueueBacklog } from '#messaging';

/** The body of GET /metrics/backlog: what KEDA's metrics-api scaler reads (valueLocation: backlog). */
export interface BacklogMetrics extends QueueBacklog {
  pool: string;
  /** Live workers of the pool (unexpired heartbeats). */
  workers: number;
  /** Job slots of the pool's live workers that reach their Docker engine; a worker without Docker cannot run a job. */
  capacity: number;
}

@Injectable()
export class BacklogMetricsService {
  constructor(
    private readonly backlog: PoolBacklogReader,
    private readonly registry: WorkerRegistry,
  ) {}

  pools(): string[] {
    return this.backlog.pools();
  }

  async read(pool: string = DEFAULT_POOL): Promise<BacklogMetrics> {
    const [backlog, all] = await Promise.all([this.backlog.read(pool), this.registry.list()]);
    const workers = all.filter((w) => (w.languagePool ?? DEFAULT_POOL) === pool);
    const capacity = workers.filter((w) => w.docker.ok).reduce((sum, w) => sum + w.concurrency, 0);
    return { ...backlog, pool, workers: workers.length, capacity };
  }
}
