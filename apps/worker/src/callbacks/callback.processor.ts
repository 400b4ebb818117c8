import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Job } from 'bullmq';
import { CALLBACKS_QUEUE, type CallbackJobData } from '#contracts';
import { inLogContext } from '../logging/log-context';
import { CallbackDeliveryService, type DeliveryResult } from './callback-delivery.service';

/** Deliveries mostly wait on the network, so a few in parallel cost little and a slow receiver blocks no one. */
const CONCURRENCY = 4;

/** BullMQ entry point of webhook deliveries; the work itself is in CallbackDeliveryService. */
@Processor(CALLBACKS_QUEUE, { autorun: false })
export class CallbackProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CallbackProcessor.name);

  constructor(
    private readonly deliveries: CallbackDeliveryService,
    @Optional() private readonly pino?: PinoLogger,
  ) {
    super();
  }

  process(job: Job<CallbackJobData>): Promise<DeliveryResult> {
    const attempt = job.attemptsMade + 1;
    return inLogContext(this.pino, { jobId: job.data.jobId, webhookAttempt: attempt }, () =>
      this.deliveries.deliver({ jobId: job.data.jobId, attempt, maxAttempts: job.opts.attempts ?? 1 }),
    );
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = CONCURRENCY;
    this.worker.on('error', (error) => this.logger.error(`queue: ${error.message}`));
    void this.worker.run();
    this.logger.log(`delivering webhooks from "${CALLBACKS_QUEUE}" with concurrency ${CONCURRENCY}`);
  }

  /** A delivery in flight is bounded by the webhook timeout, so waiting for it is short; an unfinished one is retried elsewhere. */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }
}
