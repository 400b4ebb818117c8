import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { WorkerRegistry } from '#messaging';
import { DockerInventory } from '#sandbox';
import { AbsenceTracker } from '../recovery/absence-tracker';
import { ABSENCE_GRACE_MS, SWEEP_EVERY_MS } from '../recovery/recovery-timings';
import { fleetIdOf, WORKER_ID } from '../worker.tokens';

/**
 * While this worker runs, removes the sandbox containers of workers of its fleet (label
 * `runq.fleet`; other stacks may share the engine) that stopped sending heartbeats for
 * ABSENCE_GRACE_MS: a killed worker's containers go within about half a minute, not only
 * when some worker next starts. Every worker sweeps; removal is idempotent.
 */
@Injectable()
export class OrphanSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrphanSweeper.name);
  private readonly absent = new AbsenceTracker<string>(ABSENCE_GRACE_MS);
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly registry: WorkerRegistry,
    private readonly docker: DockerInventory,
    @Inject(WORKER_ID) private readonly workerId: string,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), SWEEP_EVERY_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One sweep; returns how many containers it removed. */
  async sweep(now = Date.now()): Promise<number> {
    const live = new Set((await this.registry.list()).map((w) => w.id));
    live.add(this.workerId);
    const containers = await this.docker.sandboxes(fleetIdOf(this.config.redisUrl));
    const gone = new Set(this.absent.observe(new Set(containers.map((c) => c.workerId)), live, now));
    const orphans = containers.filter((c) => gone.has(c.workerId));
    if (!orphans.length) return 0;
    await this.docker.remove(orphans.map((c) => c.id));
    this.logger.log(`removed ${orphans.length} sandbox container(s) of stopped worker(s) ${[...gone].join(', ')}`);
    return orphans.length;
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.sweep();
    } catch (error) {
      // Redis or Docker unreachable: nothing is observed, so nothing is removed on stale knowledge.
      this.logger.debug(`orphan sweep skipped: ${(error as Error).message}`);
    } finally {
      this.busy = false;
    }
  }
}
