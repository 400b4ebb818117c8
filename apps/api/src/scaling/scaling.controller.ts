import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { BacklogMetricsService, type BacklogMetrics } from './backlog-metrics.service';

/** Scaling signals for autoscalers (KEDA metrics-api). Not @Public: the queue's size is operational data. */
@Controller('metrics')
export class ScalingController {
  constructor(private readonly metrics: BacklogMetricsService) {}

  @Get('backlog')
  async backlog(): Promise<BacklogMetrics> {
    try {
      return await this.metrics.read();
    } catch (error) {
      // 503 rather than 500: the scaler should keep its last decision (or KEDA's fallback), not read a bogus zero.
      throw new ServiceUnavailableException(`queue metrics unavailable: ${(error as Error).message}`);
    }
  }
}
