import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { DomainErrorCode } from '#contracts';
import { REDIS } from '#messaging';

/** How long a retry with the same key gets the same answer, from the request's end. */
const TTL_SECONDS = 24 * 3600;
/** A request still holding its key after this long died with its process: the key is free again. */
const PENDING_TTL_SECONDS = 15 * 60;

/** One item of a batch as remembered: the job it created, or why it was refused. */
export type StoredBatchItem =
  { jobId: string } | { error: { code: DomainErrorCode; message: string; messages?: string[]; retryAfterSeconds?: number } };

/**
 * What an Idempotency-Key stands for. `pending`: its request is still running; `partial`: a batch
 * that stopped half-way (the service refused work) and that a retry continues; `done`: answered.
 */
export interface IdempotencyRecord {
  hash: string;
  state: 'pending' | 'partial' | 'done';
  /** A single job: the id it is created under (known before the row exists). */
  jobId?: string;
  /** A batch: the items handled so far, in order. */
  items?: StoredBatchItem[];
}

export type Reservation =
  { kind: 'new'; record: IdempotencyRecord } | { kind: 'existing'; sameRequest: boolean; record: IdempotencyRecord; raw: string };

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** Sets KEYS[1] to ARGV[2] only while it still holds ARGV[1]. */
const SWAP = `if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2], 'EX', ARGV[3]) return 1 end return 0`;

/**
 * Remembers, per API key and for a day, what an Idempotency-Key created (a job, or a batch's
 * items) and a hash of the request that created it, so a client's retry gets the same answer.
 */
@Injectable()
export class IdempotencyStore {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  private key(apiKeyId: string, idempotencyKey: string): string {
    return `runq:idempotency:${apiKeyId}:${digest(idempotencyKey)}`;
  }

  /** Takes the key for this request (and `jobId`, for a single job), or tells what already holds it. */
  async reserve(apiKeyId: string, idempotencyKey: string, body: unknown, jobId?: string): Promise<Reservation> {
    const record: IdempotencyRecord = { hash: digest(JSON.stringify(body)), state: 'pending', ...(jobId ? { jobId } : {}) };
    const key = this.key(apiKeyId, idempotencyKey);
    // A holder that frees the key between our SET and GET leaves nothing to read: ask again.
    for (let tries = 0; ; tries++) {
      if (await this.redis.set(key, JSON.stringify(record), 'EX', PENDING_TTL_SECONDS, 'NX')) return { kind: 'new', record };
      const raw = await this.redis.get(key);
      if (raw !== null) {
        const existing = parse(raw);
        return { kind: 'existing', sameRequest: existing.hash === record.hash, record: existing, raw };
      }
      // Taken and freed again and again: as good as in flight.
      if (tries >= 2) return { kind: 'existing', sameRequest: true, record: { hash: record.hash, state: 'pending' }, raw: '' };
    }
  }

  /** Takes over a `partial` batch for a retry that continues it; false when another retry was first. */
  async resume(apiKeyId: string, idempotencyKey: string, reservation: Extract<Reservation, { kind: 'existing' }>): Promise<boolean> {
    const pending = JSON.stringify({ ...reservation.record, state: 'pending' });
    const swapped = await this.redis.eval(SWAP, 1, this.key(apiKeyId, idempotencyKey), reservation.raw, pending, PENDING_TTL_SECONDS);
    return swapped === 1;
  }

  /** Records the answer (or a batch's progress) for the next 24 hours. */
  async save(apiKeyId: string, idempotencyKey: string, record: IdempotencyRecord): Promise<void> {
    await this.redis.set(this.key(apiKeyId, idempotencyKey), JSON.stringify(record), 'EX', TTL_SECONDS);
  }

  /** Frees a reservation whose request created nothing, so a retry may try again. */
  async release(apiKeyId: string, idempotencyKey: string): Promise<void> {
    await this.redis.del(this.key(apiKeyId, idempotencyKey));
  }
}

/** A stored record; `<jobId> <hash>` is how a single job's key was written before batches had keys. */
function parse(raw: string): IdempotencyRecord {
  if (!raw.startsWith('{')) {
    const [jobId, hash = ''] = raw.split(' ');
    return { hash, state: 'done', jobId };
  }
  return JSON.parse(raw) as IdempotencyRecord;
}
