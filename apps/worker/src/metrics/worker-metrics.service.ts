import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { MetricsServer } from './metrics-server';
import { WorkerMetrics } from './worker-metrics';

/** Runs the metrics listener for the worker's lifetime (RUNQ_WORKER_METRICS_*). */
@Injectable()
export class WorkerMetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private readonly server: MetricsServer;
  /** The port actually bound, once listening (heartbeats publish it). */
  port: number | null = null;

  constructor(
    metrics: WorkerMetrics,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {
    this.server = new MetricsServer(metrics.registry);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { enabled, host, port } = this.config.metrics.worker;
    if (!enabled) return;
    try {
      this.port = await this.server.listen(host, port);
      this.logger.log(`metrics on http://${host.includes(':') ? `[${host}]` : host}:${this.port}/metrics`);
    } catch (error) {
      // Metrics are for operators: a worker without them still runs jobs.
      this.logger.error(`metrics listener not started on ${host}:${port}: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}
