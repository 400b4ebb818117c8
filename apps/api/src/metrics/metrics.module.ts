import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Logger, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CALLBACKS_QUEUE } from '#contracts';
import { ExecutionQueues, WorkerRegistry } from '#messaging';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';

@Module({
  imports: [BullModule.registerQueue({ name: CALLBACKS_QUEUE })],
  controllers: [MetricsController],
  providers: [
    MetricsTokenGuard,
    {
      provide: ApiMetrics,
      inject: [ExecutionQueues, getQueueToken(CALLBACKS_QUEUE), WorkerRegistry],
      useFactory: (executions: ExecutionQueues, callbacks: Queue, workers: WorkerRegistry) => {
        const logger = new Logger('Metrics');
        // Every pool's queue (executions, executions-<pool>), then the webhook queue.
        const queues = [...executions.all(), callbacks];
        return new ApiMetrics(queues, workers, (source, error) => logger.warn(`${source} not read: ${error.message}`));
      },
    },
  ],
  exports: [ApiMetrics],
})
export class MetricsModule {}
