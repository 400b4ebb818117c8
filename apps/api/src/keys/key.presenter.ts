import type { ApiKeyRow } from '#keys';
import type { CallerLimits } from '../auth/caller';

/** A key as the admin API shows it: never its hash or webhook secret; the key itself only once, at creation. */
export interface KeyView {
  id: string;
  name: string;
  role: 'user' | 'admin';
  /** The key's first characters, to recognise it. */
  prefix: string;
  /** Stored limits: null = the server default, 0 = unlimited. */
  rateLimitPerMinute: number | null;
  maxActiveJobs: number | null;
  /** The limits in force (0 = unlimited). */
  effectiveLimits: CallerLimits;
  createdAt: string;
  revokedAt: string | null;
}

export function presentKey(row: ApiKeyRow, effectiveLimits: CallerLimits): KeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    rateLimitPerMinute: row.rateLimitPerMinute,
    maxActiveJobs: row.maxActiveJobs,
    effectiveLimits,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
