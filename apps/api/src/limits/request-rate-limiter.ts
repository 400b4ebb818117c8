import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { REDIS } from '#messaging';

const WINDOW_SECONDS = 60;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Until the window's counter resets. */
  resetMs: number;
}

/**
 * Requests per minute per API key, counted in Redis (one atomic INCR script per request),
 * so every API process shares one budget per key. Fixed one-minute windows.
 */
@Injectable()
export class RequestRateLimiter {
  /** One limiter per distinct limit; they share the counters, only the threshold differs. */
  private readonly limiters = new Map<number, RateLimiterRedis>();

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async consume(keyId: string, limit: number): Promise<RateDecision> {
    try {
      const res = await this.limiter(limit).consume(keyId);
      return { allowed: true, limit, remaining: res.remainingPoints, resetMs: res.msBeforeNext };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      return { allowed: false, limit, remaining: 0, resetMs: error.msBeforeNext };
    }
  }

  private limiter(points: number): RateLimiterRedis {
    let limiter = this.limiters.get(points);
    if (!limiter) {
      limiter = new RateLimiterRedis({ storeClient: this.redis, keyPrefix: 'runq:ratelimit', points, duration: WINDOW_SECONDS });
      this.limiters.set(points, limiter);
    }
    return limiter;
  }
}
