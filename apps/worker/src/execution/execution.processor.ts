import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { EXECUTIONS_QUEUE, type ExecutionJobData } from '#contracts';
import { isDatabaseUnavailable } from '#db';
import { JobEvents } from '#messaging';
import { ExecutionService, RequeueError } from './execution.service';
import { RunningExecutions } from './running-executions';
import { JOB_LOCK_MS, MAX_STALLED_COUNT, QUEUE_RETRY_MS, STALLED_CHECK_EVERY_MS } from '../recovery/recovery-timings';

const REQUEUE_DELAY_MS = 500;
/** While Postgres is unreachable a job cannot be claimed: it waits in the queue, its attempts untouched. */
const DATABASE_DOWN_DELAY_MS = 2000;

/** BullMQ entry point; the work itself is in ExecutionService. */
@Processor(EXECUTIONS_QUEUE, {
  autorun: false,
  // A killed worker's jobs go back to the queue once their lock expires (see recovery-timings.ts).
  lockDuration: JOB_LOCK_MS,
  stalledInterval: STALLED_CHECK_EVERY_MS,
  maxStalledCount: MAX_STALLED_COUNT,
  runRetryDelay: QUEUE_RETRY_MS,
})
export class ExecutionProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExecutionProcessor.name);

  constructor(
    private readonly executions: ExecutionService,
    private readonly running: RunningExecutions,
    private readonly events: JobEvents,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {
    super();
  }

  async process(job: Job<ExecutionJobData>, token?: string): Promise<string> {
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

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.worker.concurrency;
    this.events.onCancel((jobId) => {
      if (this.running.stop(jobId, 'cancel')) this.logger.log(`job ${jobId}: cancelled, container killed`);
    });
    this.worker.on('error', (error) => this.logger.error(`queue: ${error.message}`));
    void this.worker.run();
    this.logger.log(`taking jobs from "${EXECUTIONS_QUEUE}" with concurrency ${this.config.worker.concurrency}`);
  }

  /** Graceful stop: take no new jobs, let running ones finish within the grace period, then hand the rest back. */
  async onModuleDestroy(): Promise<void> {
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
