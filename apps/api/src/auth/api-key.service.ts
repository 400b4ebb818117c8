import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { ApiKeyRepository, hashApiKey, type ApiKeyRow } from '#keys';
import { ApiKeyEvents } from '#messaging';
import type { Caller, CallerLimits } from './caller';

/**
 * How long a key's role, limits and revocation may stay cached. Changes made through the
 * API are also announced over Redis and dropped at once everywhere; this bounds the rest
 * (changes made with the CLI, an announcement lost while Redis was down).
 */
export const AUTH_CACHE_MS = 10_000;
const CACHE_MAX = 10_000;

/** Resolves a presented key to its caller; a short cache keeps the database off the hot path. */
@Injectable()
export class ApiKeyService implements OnModuleInit {
  private readonly cache = new Map<string, { caller: Caller | null; until: number }>();
  private readonly active = new Map<string, { active: boolean; until: number }>();
  private anonymousEntry: { caller: Caller | null; until: number } | null = null;
  private readonly logger = new Logger(ApiKeyService.name);

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
    private readonly events: ApiKeyEvents,
  ) {}

  onModuleInit(): void {
    this.events.onKeyChanged((keyId) => this.forget(keyId));
  }

  async authenticate(key: string): Promise<Caller | null> {
    const hash = hashApiKey(key);
    const now = Date.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.caller;
    const row = await this.keys.findActiveByHash(hash);
    const caller: Caller | null = row ? { keyId: row.id, role: row.role, limits: this.effectiveLimits(row) } : null;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(hash, { caller, until: now + AUTH_CACHE_MS });
    return caller;
  }

  /**
   * The caller key-less requests act as (RUNQ_ANONYMOUS_KEY): that key's role and limits, or
   * null when none is configured, or it names no active key, or its name is not unique.
   */
  async anonymous(): Promise<Caller | null> {
    const reference = this.config.access.anonymousKey;
    if (!reference) return null;
    const now = Date.now();
    if (this.anonymousEntry && this.anonymousEntry.until > now) return this.anonymousEntry.caller;
    const rows = await this.keys.findActiveByReference(reference);
    const row = rows.length === 1 ? rows[0] : null;
    if (!row)
      this.logger.warn(
        `RUNQ_ANONYMOUS_KEY "${reference}" names ${rows.length ? 'several keys' : 'no active key'}: key-less requests are refused`,
      );
    const caller: Caller | null = row ? { keyId: row.id, role: row.role, limits: this.effectiveLimits(row) } : null;
    if (caller?.role === 'admin' && this.anonymousEntry?.caller?.keyId !== caller.keyId)
      this.logger.warn('RUNQ_ANONYMOUS_KEY names an admin key: every admin route is open to requests without a key');
    this.anonymousEntry = { caller, until: now + AUTH_CACHE_MS };
    return caller;
  }

  /** Whether the key behind a dashboard session is still active (revoking a key ends its sessions within the cache time). */
  async isActive(keyId: string): Promise<boolean> {
    const now = Date.now();
    const hit = this.active.get(keyId);
    if (hit && hit.until > now) return hit.active;
    const active = await this.keys.isActive(keyId);
    if (this.active.size >= CACHE_MAX) this.active.clear();
    this.active.set(keyId, { active, until: now + AUTH_CACHE_MS });
    return active;
  }

  /**
   * The limits in force: the key's own, else the server default for user keys. Admin keys
   * without limits of their own are unlimited (operators, monitoring, benchmarks).
   */
  effectiveLimits(row: Pick<ApiKeyRow, 'role' | 'rateLimitPerMinute' | 'maxActiveJobs'>): CallerLimits {
    const defaults = row.role === 'admin' ? { rateLimitPerMinute: 0, maxActiveJobs: 0 } : this.config.access;
    return {
      rateLimitPerMinute: row.rateLimitPerMinute ?? defaults.rateLimitPerMinute,
      maxActiveJobs: row.maxActiveJobs ?? defaults.maxActiveJobs,
    };
  }

  /** Drops this process's cached entry of a key, and asks the other API processes to do the same. */
  async changed(keyId: string): Promise<void> {
    this.forget(keyId);
    await this.events.publishKeyChanged(keyId).catch(() => undefined); // the cache TTL still bounds staleness
  }

  forget(keyId: string): void {
    for (const [hash, entry] of this.cache) if (entry.caller?.keyId === keyId) this.cache.delete(hash);
    this.active.delete(keyId);
    this.anonymousEntry = null; // the anonymous key may be this one, renamed or revoked
  }
}
