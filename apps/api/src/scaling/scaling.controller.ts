import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyed } from '../openapi/common-responses';
import { backlogExample } from '../openapi/examples';
import { BacklogDoc } from './backlog.doc';
import { BacklogMetricsService, type BacklogMetrics } from './backlog-metrics.service';

/** Scaling signals for autoscalers (KEDA metrics-api). Not @Public: the queue's size is operational data. */
@ApiTags('operations')
@Controller('metrics')
export class ScalingController {
  constructor(private readonly metrics: BacklogMetricsService) {}

  @Get('backlog')
  @ApiOperation({ summary: 'Queue backlog and worker capacity, for autoscalers (KEDA metrics-api)' })
  @ApiKeyed()
  @ApiOkResponse({ type: BacklogDoc, example: backlogExample })
  async backlog(): Promise<BacklogMetrics> {
    try {
      return await this.metrics.read();
    } catch (error) {
      // 503 rather than 500: the scaler should keep its last decision (or KEDA's fallback), not read a bogus zero.
      throw new ServiceUnavailableException(`queue metrics unavailable: ${(error as Error).message}`);
    }
  }
}
