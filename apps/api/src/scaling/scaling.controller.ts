import { BadRequestException, Controller, Get, Query, ServiceUnavailableException } from '@nestjs/common';
import { DEFAULT_POOL } from '#contracts';
import { BacklogMetricsService, type BacklogMetrics } from './backlog-metrics.service';

/** Scaling signals for autoscalers (KEDA metrics-api). Not @Public: the queue's size is operational data. */
@Controller('metrics')
export class ScalingController {
  constructor(private readonly metrics: BacklogMetricsService) {}

  /** `?pool=` picks a worker pool (RUNQ_POOLS); without it, the default pool. */
  @Get('backlog')
  async backlog(@Query('pool') pool: unknown = DEFAULT_POOL): Promise<BacklogMetrics> {
    const pools = this.metrics.pools();
    if (typeof pool !== 'string' || !pools.includes(pool)) {
      throw new BadRequestException(`pool: must be one of ${pools.join(', ')}`);
    }
    try {
      return await this.metrics.read(pool);
    } catch (error) {
      // 503 rather than 500: the scaler should keep its last decision (or KEDA's fallback), not read a bogus zero.
      throw new ServiceUnavailableException(`queue metrics unavailable: ${(error as Error).message}`);
    }
  }
}
