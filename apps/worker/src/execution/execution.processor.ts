import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DelayedError, Worker, type Job } from 'bullmq';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { executionsQueueName, type ExecutionJobData } from '#contracts';
import { isDatabaseUnavailable } from '#db';
import { bullConnection, ExecutionQueues, JobEvents, PERSISTENT } from '#messaging';
import { ConcurrencyGovernor } from '../capacity/concurrency-governor';
import { inLogContext } from '../logging/log-context';
import { ExecutionService, RequeueError } from './execution.service';
import { RunningExecutions } from './running-executions';
import { JOB_LOCK_MS, MAX_STALLED_COUNT, QUEUE_RETRY_MS, STALLED_CHECK_EVERY_MS } from '../recovery/recovery-timings';

const REQUEUE_DELAY_MS = 500;
/** While Postgres is unreachable a job cannot be claimed: it waits in the queue, its attempts untouched. */
const DATABASE_DOWN_DELAY_MS = 2000;

/**
 * BullMQ entry point, on the queue of this worker's pool (RUNQ_WORKER_POOL); the work itself
 * is in ExecutionService. The queue name is configuration, so the BullMQ worker is built here
 * rather than declared with @Processor.
 */
@Injectable()
export class ExecutionProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExecutionProcessor.name);
  private worker: Worker<ExecutionJobData, string> | undefined;

  constructor(
    private readonly executions: ExecutionService,
    private readonly running: RunningExecutions,
    private readonly events: JobEvents,
    private readonly queues: ExecutionQueues,
    private readonly governor: ConcurrencyGovernor,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
    @Optional() private readonly pino?: PinoLogger,
  ) {}

  /** Every line logged while the job runs carries its id and attempt. */
  process(job: Job<ExecutionJobData>, token?: string): Promise<string> {
    return inLogContext(this.pino, { jobId: job.data.jobId, attempt: job.attemptsMade + 1 }, () => this.attempt(job, token));
  }

  private async attempt(job: Job<ExecutionJobData>, token?: string): Promise<string> {
    const isFinalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      return await this.executions.attempt({ jobId: job.data.jobId, isFinalAttempt });
    } catch (error) {
      const databaseDown = isDatabaseUnavailable(error);
      if (!(error instanceof RequeueError) && !databaseDown) throw error;
      // Back to the queue without spending an attempt: the shutdown or the outage was ours, not the job's.
      if (databaseDown) this.logger.warn(`job ${job.data.jobId}: database unavailable, retrying in ${DATABASE_DOWN_DELAY_MS} ms`);
      await job.moveToDelayed(Date.now() + (databaseDown ? DATABASE_DOWN_DELAY_MS : REQUEUE_DELAY_MS), token);
      throw new DelayedError();
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const { pool, concurrency, globalConcurrency } = this.config.worker;
    const queueName = executionsQueueName(pool);
    const worker = new Worker<ExecutionJobData, string>(queueName, (job, token) => this.process(job, token), {
      connection: bullConnection(this.config.redisUrl, PERSISTENT),
      autorun: false,
      concurrency,
      // A killed worker's jobs go back to the queue once their lock expires (see recovery-timings.ts).
      lockDuration: JOB_LOCK_MS,
      stalledInterval: STALLED_CHECK_EVERY_MS,
      maxStalledCount: MAX_STALLED_COUNT,
      runRetryDelay: QUEUE_RETRY_MS,
    });
    this.worker = worker;
    this.events.onCancel((jobId) =>
      inLogContext(this.pino, { jobId }, () => {
        if (this.running.stop(jobId, 'cancel')) this.logger.log(`job ${jobId}: cancelled, container killed`);
      }),
    );
    worker.on('error', (error) => this.logger.error(`queue: ${error.message}`));
    if (globalConcurrency !== undefined) await this.applyGlobalConcurrency(globalConcurrency);
    this.governor.start((next) => (worker.concurrency = next));
    void worker.run();
    this.logger.log(`taking jobs from "${queueName}" (pool ${pool}) with concurrency ${concurrency}`);
  }

  /** BullMQ's fleet-wide cap lives on the queue; 0 removes it. Every worker of the pool writes the same value. */
  private async applyGlobalConcurrency(limit: number): Promise<void> {
    const queue = this.queues.forPool(this.config.worker.pool);
    try {
      if (limit === 0) await queue.removeGlobalConcurrency();
      else await queue.setGlobalConcurrency(limit);
      this.logger.log(limit === 0 ? 'global concurrency cap removed' : `global concurrency of the pool capped at ${limit}`);
    } catch (error) {
      this.logger.warn(`global concurrency not applied: ${(error as Error).message}`);
    }
  }

  /** Graceful stop: take no new jobs, let running ones finish within the grace period, then hand the rest back. */
  async onModuleDestroy(): Promise<void> {
    if (!this.worker) return;
    const closing = this.worker.close();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), this.config.worker.shutdownGraceMs)));
    if ((await Promise.race([closing, expired])) === 'expired') {
      this.logger.warn(`grace period over: returning ${this.running.size} running job(s) to the queue`);
      this.running.stopAll('shutdown');
    }
    clearTimeout(timer);
    await closing;
  }
}
