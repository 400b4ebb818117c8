import type { RunqConfig } from '#config';
import { hashApiKey, type ApiKeyRepository, type ApiKeyRow } from '#keys';
import type { ApiKeyEvents } from '#messaging';
import { ApiKeyService } from './api-key.service';

const row = (over: Partial<ApiKeyRow>): ApiKeyRow =>
  ({ id: 'k1', role: 'user', rateLimitPerMinute: null, maxActiveJobs: null, revokedAt: null, ...over }) as ApiKeyRow;

describe('ApiKeyService', () => {
  const config = { access: { rateLimitPerMinute: 600, maxActiveJobs: 100 } } as RunqConfig;
  const rows = new Map<string, ApiKeyRow>();
  const repo = { findActiveByHash: jest.fn(async (hash: string) => rows.get(hash) ?? null) };
  let announced: ((keyId: string) => void) | undefined;
  const events = {
    onKeyChanged: (fn: (keyId: string) => void) => (announced = fn),
    publishKeyChanged: jest.fn(async (keyId: string) => announced?.(keyId)),
  };
  const service = new ApiKeyService(repo as unknown as ApiKeyRepository, config, events as unknown as ApiKeyEvents);
  service.onModuleInit();

  it('gives key-less requests the anonymous key only when it names exactly one active key', async () => {
    const named = new ApiKeyService(
      {
        findActiveByReference: jest.fn(async (ref: string) => (ref === 'open' ? [row({ id: 'ko' })] : [row({}), row({ id: 'k2' })])),
      } as never,
      { access: { ...config.access, anonymousKey: 'open' } } as RunqConfig,
      events as unknown as ApiKeyEvents,
    );
    expect(await named.anonymous()).toEqual({ keyId: 'ko', role: 'user', limits: { rateLimitPerMinute: 600, maxActiveJobs: 100 } });
    const ambiguous = new ApiKeyService(
      { findActiveByReference: jest.fn(async () => [row({}), row({ id: 'k2' })]) } as never,
      { access: { ...config.access, anonymousKey: 'shared' } } as RunqConfig,
      events as unknown as ApiKeyEvents,
    );
    expect(await ambiguous.anonymous()).toBeNull();
    expect(await service.anonymous()).toBeNull();
  });

  it('gives user keys the server defaults unless they have their own limits', () => {
    expect(service.effectiveLimits(row({}))).toEqual({ rateLimitPerMinute: 600, maxActiveJobs: 100 });
    expect(service.effectiveLimits(row({ rateLimitPerMinute: 5, maxActiveJobs: 0 }))).toEqual({ rateLimitPerMinute: 5, maxActiveJobs: 0 });
  });

  it('leaves admin keys unlimited unless limited on their own', () => {
    expect(service.effectiveLimits(row({ role: 'admin' }))).toEqual({ rateLimitPerMinute: 0, maxActiveJobs: 0 });
    expect(service.effectiveLimits(row({ role: 'admin', rateLimitPerMinute: 30 }))).toEqual({ rateLimitPerMinute: 30, maxActiveJobs: 0 });
  });

  it('caches a key, and forgets it at once when told (revocation, new limits)', async () => {
    rows.set(hashApiKey('rq_a'), row({ id: 'ka', rateLimitPerMinute: 1 }));
    expect(await service.authenticate('rq_a')).toEqual({
      keyId: 'ka',
      role: 'user',
      limits: { rateLimitPerMinute: 1, maxActiveJobs: 100 },
    });
    rows.delete(hashApiKey('rq_a'));
    expect(await service.authenticate('rq_a')).not.toBeNull();
    service.forget('ka');
    expect(await service.authenticate('rq_a')).toBeNull();
    expect(repo.findActiveByHash).toHaveBeenCalledTimes(2);
  });

  it('drops a key another API process announces as changed, and announces its own changes', async () => {
    rows.set(hashApiKey('rq_b'), row({ id: 'kb' }));
    expect(await service.authenticate('rq_b')).not.toBeNull();
    rows.delete(hashApiKey('rq_b'));
    announced!('kb');
    expect(await service.authenticate('rq_b')).toBeNull();
    await service.changed('kc');
    expect(events.publishKeyChanged).toHaveBeenCalledWith('kc');
  });
});
