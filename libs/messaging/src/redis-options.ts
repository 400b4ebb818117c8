import type { RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';

/** ioredis options from a redis:// or rediss:// URL (BullMQ wants options, not a URL). */
export function redisOptions(url: string, extra: RedisOptions = {}): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace('/', '');
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: db ? Number(db) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    ...extra,
  };
}

/** For producers and request paths: fail fast while Redis is down instead of queueing commands. */
export const FAIL_FAST: RedisOptions = { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 };
/** For BullMQ workers and subscribers: keep retrying, as BullMQ requires. */
export const PERSISTENT: RedisOptions = { maxRetriesPerRequest: null };

/** BullMQ connection settings: BullMQ opens its own ioredis clients from the URL. */
export function bullConnection(url: string, extra: RedisOptions): ConnectionOptions {
  return { url, ...extra } as ConnectionOptions;
}
