import { UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { RunqConfig } from '#config';
import { MetricsTokenGuard } from './metrics-token.guard';

const TOKEN = 'scrape-token-0123456789';
const guard = (token: string | undefined) => new MetricsTokenGuard({ metrics: { token } } as RunqConfig);
const context = (authorization?: string) =>
  ({ switchToHttp: () => ({ getRequest: () => ({ headers: authorization ? { authorization } : {} }) }) }) as ExecutionContext;

describe('MetricsTokenGuard', () => {
  it('lets every scrape through when no token is configured', () => {
    expect(guard(undefined).canActivate(context())).toBe(true);
  });

  it('asks for the configured bearer token', () => {
    expect(guard(TOKEN).canActivate(context(`Bearer ${TOKEN}`))).toBe(true);
    expect(guard(TOKEN).canActivate(context(`bearer ${TOKEN}`))).toBe(true);
    for (const header of [undefined, TOKEN, `Bearer ${TOKEN}x`, 'Bearer short', `Basic ${TOKEN}`]) {
      expect(() => guard(TOKEN).canActivate(context(header))).toThrow(UnauthorizedException);
    }
  });
});
