import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Caller } from '../auth/caller';
import { DomainError } from '#contracts';
import { toNativeError } from '../common/native-error.mapper';
import { PollRoute } from './poll-route.decorator';
import { RateLimitGuard } from './rate-limit.guard';
import type { RateDecision, RequestRateLimiter } from './request-rate-limiter';

class Routes {
  @PollRoute()
  poll(): void {}
  plain(): void {}
}

function contextFor(caller: Caller | undefined, handler: keyof Routes = 'plain') {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  const context = {
    switchToHttp: () => ({ getRequest: () => ({ caller }), getResponse: () => response }),
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
  } as unknown as ExecutionContext;
  return { context, headers };
}

const user = (rateLimitPerMinute: number): Caller => ({ keyId: 'k1', role: 'user', limits: { rateLimitPerMinute, maxActiveJobs: 0 } });

describe('RateLimitGuard', () => {
  const consume = jest.fn<Promise<RateDecision>, [string, number]>();
  const guard = new RateLimitGuard({ consume } as unknown as RequestRateLimiter, new Reflector());
  beforeEach(() => consume.mockReset());

  it('charges the caller and reports its budget in RateLimit headers', async () => {
    consume.mockResolvedValue({ allowed: true, limit: 10, remaining: 7, resetMs: 41_200 });
    const { context, headers } = contextFor(user(10));
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(consume).toHaveBeenCalledWith('k1', 10);
    expect(headers).toEqual({
      'RateLimit-Limit': '10',
      'RateLimit-Remaining': '7',
      'RateLimit-Reset': '42',
      'RateLimit-Policy': '10;w=60',
    });
  });

  it('refuses past the budget with 429 and the seconds to wait', async () => {
    consume.mockResolvedValue({ allowed: false, limit: 10, remaining: 0, resetMs: 3_500 });
    const { context, headers } = contextFor(user(10));
    const error = await guard.canActivate(context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(toNativeError(error as DomainError).status).toBe(429);
    expect((error as DomainError).retryAfterSeconds).toBe(4);
    expect((error as DomainError).message).toMatch(/10 requests per minute/);
    expect(headers['RateLimit-Remaining']).toBe('0');
  });

  it('leaves unlimited keys and anonymous (public) requests alone', async () => {
    await expect(guard.canActivate(contextFor(user(0)).context)).resolves.toBe(true);
    await expect(guard.canActivate(contextFor(undefined).context)).resolves.toBe(true);
    await expect(guard.canActivate(contextFor({ keyId: 'k', role: 'admin' }).context)).resolves.toBe(true);
    expect(consume).not.toHaveBeenCalled();
  });

  it('does not charge poll routes (clients poll them every 0.1 s)', async () => {
    await expect(guard.canActivate(contextFor(user(1), 'poll').context)).resolves.toBe(true);
    expect(consume).not.toHaveBeenCalled();
  });

  it('serves rather than fails when Redis cannot count', async () => {
    consume.mockRejectedValue(new Error("Stream isn't writeable"));
    const { context, headers } = contextFor(user(10));
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(headers).toEqual({});
  });
});
