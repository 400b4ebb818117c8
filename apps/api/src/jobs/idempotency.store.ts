import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { REDIS } from '#messaging';

const TTL_SECONDS = 24 * 3600;

export type Reservation = { kind: 'new' } | { kind: 'existing'; jobId: string; sameRequest: boolean };

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Remembers, per API key and for a day, which job an Idempotency-Key created and a hash
 * of the request that created it, so a client's retry gets the same job back.
 */
@Injectable()
export class IdempotencyStore {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  private key(apiKeyId: string, idempotencyKey: string): string {
    return `runq:idempotency:${apiKeyId}:${digest(idempotencyKey)}`;
  }

  /** Reserves the key for `jobId`, or tells which job already holds it. */
  async reserve(apiKeyId: string, idempotencyKey: string, body: unknown, jobId: string): Promise<Reservation> {
    const requestHash = digest(JSON.stringify(body));
    const key = this.key(apiKeyId, idempotencyKey);
    if (await this.redis.set(key, `${jobId} ${requestHash}`, 'EX', TTL_SECONDS, 'NX')) return { kind: 'new' };
    const [existing, hash] = ((await this.redis.get(key)) ?? '').split(' ');
    return { kind: 'existing', jobId: existing, sameRequest: hash === requestHash };
  }

  /** Frees a reservation whose job could not be created, so a retry may try again. */
  async release(apiKeyId: string, idempotencyKey: string): Promise<void> {
    await this.redis.del(this.key(apiKeyId, idempotencyKey));
  }
}
