import { Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ExecutionQueues, PoolBacklogReader, REDIS } from '#messaging';
import { BacklogMetricsService } from './backlog-metrics.service';
import { ScalingController } from './scaling.controller';

@Module({
  controllers: [ScalingController],
  providers: [
    {
      provide: PoolBacklogReader,
      inject: [ExecutionQueues, REDIS],
      useFactory: (queues: ExecutionQueues, redis: Redis) => new PoolBacklogReader(queues, redis),
    },
    BacklogMetricsService,
  ],
  exports: [BacklogMetricsService],
})
export class ScalingModule {}
