import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CALLBACKS_QUEUE } from '#contracts';
import { CallbackQueue } from './callback-queue';

/** Lets an app schedule webhook deliveries (the queue connection comes from BullModule.forRoot). */
@Module({
  imports: [BullModule.registerQueue({ name: CALLBACKS_QUEUE })],
  providers: [CallbackQueue],
  exports: [CallbackQueue],
})
export class WebhooksProducerModule {}
