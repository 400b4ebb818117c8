import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { ApiMetrics } from './api-metrics';
import { MetricsTokenGuard } from './metrics-token.guard';

/** Prometheus scrape endpoint. No API key (scrapers have none); RUNQ_METRICS_TOKEN guards it when set. */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get()
  @UseGuards(MetricsTokenGuard)
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    return this.metrics.registry.metrics();
  }
}
