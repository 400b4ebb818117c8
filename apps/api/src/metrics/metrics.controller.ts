import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { ApiMetrics } from './api-metrics';
import { MetricsTokenGuard } from './metrics-token.guard';
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
    description: 'No API key; a bearer token when RUNQ_METRICS_TOKEN is set.',
  })
  @ApiSecurity(METRICS_TOKEN_SCHEME)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format', schema: { type: 'string' }, example: metricsExample })
  @ApiResponse({ status: 401, description: 'RUNQ_METRICS_TOKEN is set and the bearer token is missing or wrong' })
  @UseGuards(MetricsTokenGuard)
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    return this.metrics.registry.metrics();
  }
}
