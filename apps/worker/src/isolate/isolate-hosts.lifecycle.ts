import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type Docker from 'dockerode';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { IsolateHostPool } from '#sandbox';
import { LanguageRegistry } from '#languages';
import { DOCKER, SANDBOX_LABELS } from '../worker.tokens';

export const ISOLATE_HOSTS = Symbol('ISOLATE_HOSTS');

/** How many processes and threads a host needs: Node.js and the engine's threads, per isolate running at once. */
const HOST_PROCESSES = 256;
const READY_TIMEOUT_MS = 15_000;

/**
 * Starts the worker's sandbox hosts for isolate mode (unless RUNQ_ISOLATE=off) in the
 * JavaScript image, hardened like any sandbox, and removes them at shutdown.
 */
@Injectable()
export class IsolateHostsLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('isolate');
  private hosts: IsolateHostPool | null = null;

  constructor(
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
    @Inject(DOCKER) private readonly docker: Docker,
    @Inject(SANDBOX_LABELS) private readonly labels: Record<string, string>,
    private readonly languages: LanguageRegistry,
  ) {}

  start(): IsolateHostPool | null {
    const { isolate, worker } = this.config;
    const javascript = this.languages.resolve('javascript');
    if (isolate.mode === 'off' || !javascript) return null;
    this.hosts = new IsolateHostPool(this.docker, {
      image: `${worker.imagePrefix}${javascript.image}:latest`,
      hosts: isolate.hosts,
      recycleAfterJobs: isolate.recycleAfterJobs,
      profile: { memoryMb: isolate.hostMemoryMb, cpus: this.config.maxima.cpus, processes: HOST_PROCESSES, runtime: worker.runtime },
      labels: this.labels,
      readyTimeoutMs: READY_TIMEOUT_MS,
    });
    // Started ahead only where isolates are the default; else the first isolate job starts them.
    if (isolate.mode === 'default') this.hosts.warm();
    this.logger.log(`isolate mode ${isolate.mode}: ${isolate.hosts} sandbox host(s), recycled after ${isolate.recycleAfterJobs} jobs`);
    return this.hosts;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.hosts?.stop();
  }
}
