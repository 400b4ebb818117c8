import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DelayedError, type Job } from 'bullmq';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { EXECUTIONS_QUEUE, type ExecutionJobData } from '#contracts';
import { JobEvents } from '#messaging';
import { inLogContext } from '../logging/log-context';
import { ExecutionService, RequeueError } from './execution.service';
import { RunningExecutions } from './running-executions';

const REQUEUE_DELAY_MS = 500;

/** BullMQ entry point; the work itself is in ExecutionService. */
@Processor(EXECUTIONS_QUEUE, { autorun: false })
export class ExecutionProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExecutionProcessor.name);

  constructor(
    private readonly executions: ExecutionService,
    private readonly running: RunningExecutions,
    private readonly events: JobEvents,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
    @Optional() private readonly pino?: PinoLogger,
  ) {
    super();
  }

  /** Every line logged while the job runs carries its id and attempt. */
  process(job: Job<ExecutionJobData>, token?: string): Promise<string> {
    return inLogContext(this.pino, { jobId: job.data.jobId, attempt: job.attemptsMade + 1 }, () => this.attempt(job, token));
  }

  private async attempt(job: Job<ExecutionJobData>, token?: string): Promise<string> {
    const isFinalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      return await this.executions.attempt({ jobId: job.data.jobId, isFinalAttempt });
    } catch (error) {
      if (!(error instanceof RequeueError)) throw error;
      // Back to the queue without spending an attempt: the shutdown was ours, not the job's.
      await job.moveToDelayed(Date.now() + REQUEUE_DELAY_MS, token);
      throw new DelayedError();
    }
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.worker.concurrency;
    this.events.onCancel((jobId) =>
      inLogContext(this.pino, { jobId }, () => {
        if (this.running.stop(jobId, 'cancel')) this.logger.log(`job ${jobId}: cancelled, container killed`);
      }),
    );
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
