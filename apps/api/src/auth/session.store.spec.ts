import type { Redis } from 'ioredis';
import type { RunqConfig } from '#config';
import { SessionStore } from './session.store';

/** The three Redis commands the store uses, over a Map. */
function fakeRedis() {
  const data = new Map<string, { value: string; ttl: number }>();
  const redis = {
    set: jest.fn(async (key: string, value: string, _ex: 'EX', ttl: number) => void data.set(key, { value, ttl })),
    get: jest.fn(async (key: string) => data.get(key)?.value ?? null),
    del: jest.fn(async (key: string) => Number(data.delete(key))),
  };
  return { data, redis: redis as unknown as Redis, calls: redis };
}

describe('SessionStore', () => {
  const config = { session: { ttlS: 600, secureCookie: false } } as RunqConfig;
  const caller = { keyId: 'k-admin', role: 'admin' as const };

  it('keeps the caller under a hash of a random id, with the configured TTL', async () => {
    const { data, redis } = fakeRedis();
    const store = new SessionStore(redis, config);
    const id = await store.create(caller);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [[key, entry]] = [...data.entries()];
    expect(key).toMatch(/^runq:session:[0-9a-f]{64}$/);
    expect(key).not.toContain(id);
    expect(entry.ttl).toBe(600);
    await expect(store.find(id)).resolves.toEqual(caller);
    expect(await store.create(caller)).not.toBe(id);
  });

  it('finds nothing for an unknown, malformed or destroyed id, without asking Redis about malformed ones', async () => {
    const { redis, calls } = fakeRedis();
    const store = new SessionStore(redis, config);
    const id = await store.create(caller);
    await expect(store.find('A'.repeat(43))).resolves.toBeNull();
    calls.get.mockClear();
    await expect(store.find('not an id')).resolves.toBeNull();
    expect(calls.get).not.toHaveBeenCalled();
    await store.destroy(id);
    await expect(store.find(id)).resolves.toBeNull();
  });
});
