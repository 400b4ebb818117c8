import { BadRequestException, Controller, Get, Query, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DEFAULT_POOL } from '#contracts';
import { ApiKeyed, ApiValidationError } from '../openapi/common-responses';
import { backlogExample } from '../openapi/examples';
import { BacklogDoc } from './backlog.doc';
import { BacklogMetricsService, type BacklogMetrics } from './backlog-metrics.service';

/** Scaling signals for autoscalers (KEDA metrics-api). Not @Public: the queue's size is operational data. */
@ApiTags('operations')
@Controller('metrics')
export class ScalingController {
  constructor(private readonly metrics: BacklogMetricsService) {}

  /** `?pool=` picks a worker pool (RUNQ_POOLS); without it, the default pool. */
  @Get('backlog')
  @ApiOperation({ summary: 'Queue backlog and worker capacity of a pool, for autoscalers (KEDA metrics-api)' })
  @ApiQuery({ name: 'pool', required: false, description: 'Worker pool (RUNQ_POOLS); default: the default pool', example: DEFAULT_POOL })
  @ApiKeyed()
  @ApiOkResponse({ type: BacklogDoc, example: backlogExample })
  @ApiValidationError('`pool` is not one of RUNQ_POOLS')
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
