import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, hashApiKey } from '#db';
import type { Caller } from './caller';

const CACHE_MS = 10_000;
const CACHE_MAX = 10_000;

/** Resolves a presented key to its caller; a short cache keeps the database off the hot path. */
@Injectable()
export class ApiKeyService {
  private readonly cache = new Map<string, { caller: Caller | null; until: number }>();

  constructor(private readonly keys: ApiKeyRepository) {}

  async authenticate(key: string): Promise<Caller | null> {
    const hash = hashApiKey(key);
    const now = Date.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.caller;
    const row = await this.keys.findActiveByHash(hash);
    const caller: Caller | null = row ? { keyId: row.id, role: row.role } : null;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(hash, { caller, until: now + CACHE_MS });
    return caller;
  }
}
