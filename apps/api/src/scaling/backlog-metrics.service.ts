import { Injectable } from '@nestjs/common';
// Not yet re-exported by '#messaging' (libs/messaging/src/index.ts): imported by path until it is.
import { QueueBacklogReader, WorkerRegistry, type QueueBacklog } from '#messaging';

/** The body of GET /metrics/backlog: what KEDA's metrics-api scaler reads (valueLocation: backlog). */
export interface BacklogMetrics extends QueueBacklog {
  /** Live workers (unexpired heartbeats). */
  workers: number;
  /** Job slots of the live workers that reach their Docker engine; a worker without Docker cannot run a job. */
  capacity: number;
}

@Injectable()
export class BacklogMetricsService {
  constructor(
    private readonly backlog: QueueBacklogReader,
    private readonly registry: WorkerRegistry,
  ) {}

  async read(): Promise<BacklogMetrics> {
    const [backlog, workers] = await Promise.all([this.backlog.read(), this.registry.list()]);
    const capacity = workers.filter((w) => w.docker.ok).reduce((sum, w) => sum + w.concurrency, 0);
    return { ...backlog, workers: workers.length, capacity };
  }
}
