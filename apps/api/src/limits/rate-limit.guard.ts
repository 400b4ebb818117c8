import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { DomainError } from '#contracts';
import type { AuthenticatedRequest } from '../auth/caller';
import { IS_POLL_ROUTE } from './poll-route.decorator';
import { RequestRateLimiter } from './request-rate-limiter';

const WARN_EVERY_MS = 60_000;

/**
 * Per-key request budget, after ApiKeyGuard has named the caller. Answers carry
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds) and `RateLimit-Policy`;
 * past the budget, 429 with `Retry-After`. Unauthenticated (public) routes and poll routes (PollRoute) are not counted.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimit');
  private lastWarning = 0;

  constructor(
    private readonly limiter: RequestRateLimiter,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_POLL_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const limit = http.getRequest<AuthenticatedRequest>().caller?.limits?.rateLimitPerMinute ?? 0;
    if (limit <= 0) return true;
    const caller = http.getRequest<AuthenticatedRequest>().caller!;
    let decision;
    try {
      decision = await this.limiter.consume(caller.keyId, limit);
    } catch (error) {
      // Redis unreachable: serve rather than refuse (writes fail with 503 on their own); say so now and then.
      if (Date.now() - this.lastWarning > WARN_EVERY_MS) {
        this.lastWarning = Date.now();
        this.logger.warn(`rate limit not enforced, Redis unavailable: ${(error as Error).message}`);
      }
      return true;
    }
    const resetSeconds = Math.max(1, Math.ceil(decision.resetMs / 1000));
    const res = http.getResponse<Response>();
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(decision.remaining));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    res.setHeader('RateLimit-Policy', `${limit};w=60`);
    if (!decision.allowed) {
      throw new DomainError(
        'rate_limited',
        `rate limit exceeded: this API key may make ${limit} requests per minute; retry in ${resetSeconds} s`,
        {
          retryAfterSeconds: resetSeconds,
        },
      );
    }
    return true;
  }
}
