import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { isDatabaseUnavailable } from '#db';
import { JobFinisher, JobRepository } from '#jobs';
import { REDIS, settleWithin, WorkerRegistry } from '#messaging';
import { WORKER_ID } from '../worker.tokens';
import { LeaderLock } from './leader-lock';
import { QueueEntries } from './queue-entries';
import { Reconciler } from './reconciler';
import { LEADER_TTL_MS, RECONCILE_EVERY_MS } from './recovery-timings';

export const RECONCILER_LOCK_KEY = 'runq:reconciler:leader';

/** Runs the Reconciler every RECONCILE_EVERY_MS on the one worker of the fleet that holds the lease. */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcilerService.name);
  private readonly reconciler: Reconciler;
  private readonly lock: LeaderLock;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private leading = false;

  constructor(
    jobs: JobRepository,
    entries: QueueEntries,
    registry: WorkerRegistry,
    finisher: JobFinisher,
    @Inject(REDIS) redis: Redis,
    @Inject(WORKER_ID) workerId: string,
    @Inject(RUNQ_CONFIG) config: RunqConfig,
  ) {
    this.lock = new LeaderLock(redis, RECONCILER_LOCK_KEY, workerId, LEADER_TTL_MS);
    const fleet = {
      runningJobIds: async () => {
        const workers = await registry.list();
        if (workers.some((w) => !Array.isArray(w.jobs))) return null;
        return new Set(workers.flatMap((w) => w.jobs ?? []));
      },
    };
    this.reconciler = new Reconciler(
      jobs,
      entries,
      fleet,
      { finished: (id, callbackUrl) => finisher.finished({ id, callbackUrl }) },
      config.worker.attempts,
    );
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), RECONCILE_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // Redis may be down: the lease then lapses on its own.
    if (this.leading) await settleWithin(this.lock.release(), 1000);
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const leading = await this.lock.acquire();
      if (leading !== this.leading) this.logger.log(leading ? 'reconciling queue and database (leader)' : 'no longer the reconciler');
      this.leading = leading;
      if (!leading) return this.reconciler.reset();
      const { requeued, failed, reenqueued } = await this.reconciler.pass();
      if (reenqueued.length) this.logger.warn(`enqueued ${reenqueued.length} queued job(s) the queue had lost: ${reenqueued.join(', ')}`);
      if (requeued.length) this.logger.warn(`re-queued ${requeued.length} job(s) whose worker is gone: ${requeued.join(', ')}`);
      if (failed.length) this.logger.warn(`failed ${failed.length} job(s) whose worker is gone, no attempt left: ${failed.join(', ')}`);
    } catch (error) {
      const message = (error as Error).message;
      if (isDatabaseUnavailable(error)) this.logger.debug(`reconcile skipped, database unavailable: ${message}`);
      else this.logger.warn(`reconcile failed: ${message}`);
    } finally {
      this.busy = false;
    }
  }
}
