import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import type { WorkerHeartbeat } from '#contracts';
import { REDIS, settleWithin, WorkerRegistry } from '#messaging';
import { ContainerPool, DockerInventory, type IsolateHostPool } from '#sandbox';
import { ISOLATE_HOSTS } from '../isolate/isolate-hosts.lifecycle';
import { ConcurrencyGovernor } from '../capacity/concurrency-governor';
import { RunningExecutions } from '../execution/running-executions';
import { WorkerMetricsService } from '../metrics/worker-metrics.service';
import { LanguageVersions } from './language-versions';
import { fleetIdOf, WORKER_ID } from '../worker.tokens';
import { RUNTIME_OVERRIDES } from './runtime-check';

export const HEARTBEAT_EVERY_MS = 5000;
export const HEARTBEAT_TTL_MS = 15_000;
const SHUTDOWN_REDIS_WAIT_MS = 1000;

/**
 * Announces this worker (capacity, runtime, languages and their versions, Docker health)
 * every few seconds, and on start removes sandbox containers left by dead workers (the
 * OrphanSweeper keeps doing so while it runs).
 */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HeartbeatService.name);
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt = new Date().toISOString();

  constructor(
    private readonly registry: WorkerRegistry,
    private readonly docker: DockerInventory,
    private readonly versions: LanguageVersions,
    private readonly pool: ContainerPool,
    private readonly running: RunningExecutions,
    private readonly governor: ConcurrencyGovernor,
    private readonly metrics: WorkerMetricsService,
    @Inject(WORKER_ID) private readonly workerId: string,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
    @Inject(RUNTIME_OVERRIDES) private readonly runtimeOverrides: Record<string, string>,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(ISOLATE_HOSTS) private readonly isolates: IsolateHostPool | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const languages = this.versions.all();
    const missing = this.versions.poolLanguages().filter((id) => !languages[id]);
    if (missing.length) this.logger.warn(`no image on this host for: ${missing.join(', ')} (npm run images)`);
    const live = new Set((await this.registry.list()).map((w) => w.id));
    const removed = await this.docker.removeOrphans(fleetIdOf(this.config.redisUrl), (id) => live.has(id) || id === this.workerId);
    if (removed) this.logger.log(`removed ${removed} sandbox container(s) left by stopped workers`);
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS);
    // After a Redis restart (perhaps without its data) announce this worker at once, not at the next tick.
    this.redis.on('ready', this.beatNow);
    this.logger.log(
      `worker ${this.workerId} ready; languages: ${Object.entries(languages)
        .map(([id, v]) => `${id} ${v}`)
        .join(', ')}`,
    );
  }

  private readonly beatNow = () => void this.beat();

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.redis.off('ready', this.beatNow);
    // Redis may be down: the heartbeat then expires on its own.
    await settleWithin(this.registry.remove(this.workerId), SHUTDOWN_REDIS_WAIT_MS);
  }

  private async beat(): Promise<void> {
    let docker: WorkerHeartbeat['docker'] = { ok: true };
    try {
      await this.docker.ping();
    } catch (error) {
      docker = { ok: false, error: (error as Error).message };
    }
    const heartbeat: WorkerHeartbeat = {
      id: this.workerId,
      host: hostname(),
      pid: process.pid,
      languagePool: this.config.worker.pool,
      concurrency: this.governor.concurrency,
      running: this.running.size,
      jobs: this.running.ids(),
      runtime: this.config.worker.runtime,
      runtimeOverrides: this.runtimeOverrides,
      docker,
      languages: this.versions.all(),
      pool: this.pool.stats(),
      ...(this.isolates ? { isolates: this.isolates.stats() } : {}),
      ...(this.metrics.port === null ? {} : { metricsPort: this.metrics.port }),
      startedAt: this.startedAt,
      at: new Date().toISOString(),
    };
    await this.registry.beat(heartbeat, HEARTBEAT_TTL_MS).catch((error: Error) => this.logger.warn(`heartbeat: ${error.message}`));
  }
}
