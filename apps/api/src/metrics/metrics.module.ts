import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Logger, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CALLBACKS_QUEUE, EXECUTIONS_QUEUE } from '#contracts';
import { WorkerRegistry } from '#messaging';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';

@Module({
  imports: [BullModule.registerQueue({ name: EXECUTIONS_QUEUE }, { name: CALLBACKS_QUEUE })],
  controllers: [MetricsController],
  providers: [
    MetricsTokenGuard,
    {
      provide: ApiMetrics,
      inject: [getQueueToken(EXECUTIONS_QUEUE), getQueueToken(CALLBACKS_QUEUE), WorkerRegistry],
      useFactory: (executions: Queue, callbacks: Queue, workers: WorkerRegistry) => {
        const logger = new Logger('Metrics');
        return new ApiMetrics([executions, callbacks], workers, (source, error) => logger.warn(`${source} not read: ${error.message}`));
      },
    },
  ],
  exports: [ApiMetrics],
})
export class MetricsModule {}
