import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { REDIS } from '#messaging';
import type { Caller } from './caller';

const PREFIX = 'runq:session:';

/**
 * Dashboard login sessions in Redis: the cookie carries a random id, Redis keeps the key id
 * and role under the id's hash, so neither the cookie nor a Redis dump reveals an API key.
 */
@Injectable()
export class SessionStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  get ttlS(): number {
    return this.config.session.ttlS;
  }

  async create(caller: Caller): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.redis.set(keyOf(id), JSON.stringify(caller), 'EX', this.ttlS);
    return id;
  }

  async find(id: string): Promise<Caller | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const value = await this.redis.get(keyOf(id));
    return value ? (JSON.parse(value) as Caller) : null;
  }

  async destroy(id: string): Promise<void> {
    await this.redis.del(keyOf(id));
  }
}

function keyOf(id: string): string {
  return PREFIX + createHash('sha256').update(id).digest('hex');
}
