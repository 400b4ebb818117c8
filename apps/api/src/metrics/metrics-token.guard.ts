import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { RUNQ_CONFIG, type RunqConfig } from '#config';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** GET /metrics: open when RUNQ_METRICS_TOKEN is unset, else `Authorization: Bearer <token>` (not an API key). */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(RUNQ_CONFIG) config: RunqConfig) {
    this.expected = config.metrics.token ? digest(config.metrics.token) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    // Digests have equal lengths, so the comparison takes the same time whatever was sent.
    if (match && timingSafeEqual(digest(match[1]), this.expected)) return true;
    throw new UnauthorizedException('Authorization: Bearer <RUNQ_METRICS_TOKEN> is required for /metrics');
  }
}
