import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EXECUTIONS_QUEUE } from '#contracts';
import { QueueBacklogReader, REDIS } from '#messaging';
import { BacklogMetricsService } from './backlog-metrics.service';
import { ScalingController } from './scaling.controller';

@Module({
  imports: [BullModule.registerQueue({ name: EXECUTIONS_QUEUE })],
  controllers: [ScalingController],
  providers: [
    {
      provide: QueueBacklogReader,
      inject: [getQueueToken(EXECUTIONS_QUEUE), REDIS],
      useFactory: (queue: Queue, redis: Redis) => new QueueBacklogReader(queue, redis),
    },
    BacklogMetricsService,
  ],
})
export class ScalingModule {}
