import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, hashApiKey } from '#db';
import type { Caller } from './caller';

const CACHE_MS = 10_000;
const CACHE_MAX = 10_000;

/** Resolves a presented key to its caller; a short cache keeps the database off the hot path. */
@Injectable()
export class ApiKeyService {
  private readonly cache = new Map<string, { caller: Caller | null; until: number }>();
  private readonly active = new Map<string, { active: boolean; until: number }>();

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

  /** Whether the key behind a dashboard session is still active (revoking a key ends its sessions within the cache time). */
  async isActive(keyId: string): Promise<boolean> {
    const now = Date.now();
    const hit = this.active.get(keyId);
    if (hit && hit.until > now) return hit.active;
    const active = await this.keys.isActive(keyId);
    if (this.active.size >= CACHE_MAX) this.active.clear();
    this.active.set(keyId, { active, until: now + CACHE_MS });
    return active;
  }
}
