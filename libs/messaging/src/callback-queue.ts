import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { CALLBACKS_QUEUE, DELIVER_CALLBACK_JOB_NAME, type CallbackJobData } from '#contracts';

/**
 * The producer side of webhook deliveries. Delivery runs in the worker's callbacks queue,
 * apart from executions, so a slow receiver never delays a job's completion.
 */
@Injectable()
export class CallbackQueue {
  constructor(
    @InjectQueue(CALLBACKS_QUEUE) private readonly queue: Queue<CallbackJobData>,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async add(jobId: string): Promise<void> {
    await this.queue.add(
      DELIVER_CALLBACK_JOB_NAME,
      { jobId },
      {
        jobId: `callback-${jobId}`, // one delivery per job, however often it is announced
        attempts: this.config.webhooks.attempts,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 3600 },
        removeOnFail: { age: 24 * 3600 },
      },
    );
  }
}

/** Lets an app schedule webhook deliveries (the queue connection comes from BullModule.forRoot). */
@Module({
  imports: [BullModule.registerQueue({ name: CALLBACKS_QUEUE })],
  providers: [CallbackQueue],
  exports: [CallbackQueue],
})
export class CallbackQueueModule {}
