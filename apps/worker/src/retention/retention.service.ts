import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { isDatabaseUnavailable } from '#db';
import { JobRepository } from '#jobs';
import { REDIS, settleWithin } from '#messaging';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { LeaderLock } from '../recovery/leader-lock';
import { WORKER_ID } from '../worker.tokens';
import { retentionCutoff, sweepFinishedJobs } from './retention-sweep';

export const RETENTION_LOCK_KEY = 'runq:retention:leader';
/** How often the leader looks for jobs past the retention (a sweep with nothing to do is one indexed query). */
export const RETENTION_EVERY_MS = 10 * 60_000;
/** How often each worker asks for (or renews) the lease. */
const LEASE_CHECK_MS = 20_000;
const LEASE_TTL_MS = 3 * LEASE_CHECK_MS;

/**
 * Deletes jobs that finished more than RUNQ_RETENTION_DAYS ago, on the one worker of the fleet
 * that holds the retention lease: at once when it takes the lease, then every RETENTION_EVERY_MS,
 * in batches of RUNQ_RETENTION_BATCH_SIZE rows RUNQ_RETENTION_PAUSE_MS apart. The lease is
 * renewed before every batch, so a sweep stops as soon as another worker could take over.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private readonly lock: LeaderLock;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | null = null;
  private leading = false;
  private stopping = false;
  private lastSweepAt = 0;

  constructor(
    private readonly jobs: JobRepository,
    private readonly metrics: WorkerMetrics,
    @Inject(REDIS) redis: Redis,
    @Inject(WORKER_ID) workerId: string,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {
    this.lock = new LeaderLock(redis, RETENTION_LOCK_KEY, workerId, LEASE_TTL_MS);
  }

  onApplicationBootstrap(): void {
    if (this.config.retention.days === 0) return;
    this.timer = setInterval(() => void this.tick(), LEASE_CHECK_MS);
    setImmediate(() => void this.tick());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    // The sweep stops before its next batch; Redis may be down, then the lease lapses on its own.
    if (this.sweeping) await settleWithin(this.sweeping, 5000);
    if (this.leading) await settleWithin(this.lock.release(), 1000);
  }

  private async tick(): Promise<void> {
    if (this.sweeping || this.stopping) return;
    this.sweeping = this.leadAndSweep().finally(() => (this.sweeping = null));
    await this.sweeping;
  }

  private async leadAndSweep(): Promise<void> {
    try {
      const leading = await this.lock.acquire();
      if (leading !== this.leading)
        this.logger.log(leading ? 'deleting jobs past the retention (leader)' : 'no longer the retention leader');
      this.leading = leading;
      if (!leading || Date.now() - this.lastSweepAt < RETENTION_EVERY_MS) return;
      await this.sweep();
    } catch (error) {
      const message = (error as Error).message;
      if (isDatabaseUnavailable(error)) this.logger.debug(`retention sweep skipped, database unavailable: ${message}`);
      else this.logger.warn(`retention sweep failed: ${message}`);
    }
  }

  private async sweep(): Promise<void> {
    const { days, batchSize, pauseMs } = this.config.retention;
    const cutoff = retentionCutoff(days);
    const started = Date.now();
    const result = await sweepFinishedJobs(this.jobs, cutoff, {
      batchSize,
      pauseMs,
      keepGoing: async () => {
        if (this.stopping) return false;
        this.leading = await this.lock.acquire();
        return this.leading;
      },
      removed: (counts) => this.metrics.retentionRemoved(counts),
    });
    if (result.complete) {
      this.lastSweepAt = Date.now();
      this.metrics.retentionSwept(this.lastSweepAt);
    }
    if (!result.deleted) return;
    const seconds = (Date.now() - started) / 1000;
    this.logger.log(
      `deleted ${result.deleted} job(s) finished before ${cutoff.toISOString()} in ${seconds.toFixed(1)} s ` +
        `(${Math.round(result.deleted / Math.max(seconds, 0.001))} rows/s, ${result.batches} batch(es))${result.complete ? '' : ', stopped early'}`,
    );
  }
}
