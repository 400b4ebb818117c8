import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { readinessExample } from '../openapi/examples';
import { Public } from '../auth/public.decorator';
import { HealthService } from './health.service';

const CHECK = {
  type: 'object',
  required: ['ok', 'status', 'ms'],
  properties: {
    ok: { type: 'boolean' },
    status: { type: 'string', enum: ['up', 'down'] },
    ms: { type: 'integer', description: 'Latency of the check' },
    error: { type: 'string' },
  },
};
const READINESS_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    checks: {
      type: 'object',
      properties: {
        postgres: CHECK,
        redis: CHECK,
        workers: {
          ...CHECK,
          properties: {
            ...CHECK.properties,
            workers: { type: 'integer', description: 'Live workers' },
            dockerReachable: { type: 'integer', description: 'Live workers whose Docker engine answers' },
          },
        },
      },
    },
  },
};
const NO_WORKER = { ok: false, status: 'down', ms: 1, workers: 0, dockerReachable: 0, error: 'no live worker' };

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process answers. */
  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers (no API key)' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } }, example: { status: 'ok' } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 when Postgres, Redis and at least one worker with Docker are reachable, else 503. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Postgres, Redis and live workers, each with status and latency (no API key)' })
  @ApiOkResponse({ schema: READINESS_SCHEMA, example: readinessExample })
  @ApiResponse({
    status: 503,
    description: 'A dependency is down',
    schema: READINESS_SCHEMA,
    example: { ...readinessExample, status: 'unavailable', checks: { ...readinessExample.checks, workers: NO_WORKER } },
  })
  async ready(@Res({ passthrough: true }) res: Response) {
    const report = await this.health.readiness();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
