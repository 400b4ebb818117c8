import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { ApiMetrics } from './api-metrics';
import { MetricsTokenGuard } from './metrics-token.guard';
import { ErrorDoc } from '../jobs/dto/job-view.doc';
import { METRICS_TOKEN_SCHEME } from '../openapi/common-responses';
import { metricsExample } from '../openapi/examples';

/** Prometheus scrape endpoint. No API key (scrapers have none); RUNQ_METRICS_TOKEN guards it when set. */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics of this API process',
    description: 'No API key and not rate limited; a bearer token when RUNQ_METRICS_TOKEN is set.',
  })
  // Either no credentials (RUNQ_METRICS_TOKEN unset) or the metrics token.
  @ApiSecurity({})
  @ApiSecurity(METRICS_TOKEN_SCHEME)
  @ApiOkResponse({
    description: 'Prometheus text format',
    content: { 'text/plain': { schema: { type: 'string' }, example: metricsExample } },
  })
  @ApiResponse({
    status: 401,
    description: 'RUNQ_METRICS_TOKEN is set and the bearer token is missing or wrong',
    type: ErrorDoc,
    example: { statusCode: 401, message: 'Authorization: Bearer <RUNQ_METRICS_TOKEN> is required for /metrics', error: 'Unauthorized' },
  })
  @UseGuards(MetricsTokenGuard)
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    return this.metrics.registry.metrics();
  }
}
