import { createHash } from 'node:crypto';
import { DomainError } from '#contracts';

export interface JobCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Opaque keyset cursor over (createdAt, id), newest first. A listing with filters seals its
 * cursors with their fingerprint (see filterFingerprint), so a cursor only continues the
 * listing that returned it.
 */
export function encodeCursor(cursor: JobCursor, fingerprint?: string): string {
  const parts = [cursor.createdAt.toISOString(), cursor.id, ...(fingerprint ? [fingerprint] : [])];
  return Buffer.from(parts.join('|')).toString('base64url');
}

export function decodeCursor(text: string, fingerprint?: string): JobCursor {
  const [at, id, sealed, extra] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (extra !== undefined || !id || !UUID.test(id) || Number.isNaN(createdAt.getTime()) || sealed !== fingerprint) {
    const hint = sealed !== undefined && fingerprint !== undefined && sealed !== fingerprint ? ' with the same filters' : '';
    throw DomainError.invalid(`cursor is not valid: pass the nextCursor of a previous page${hint}`, 'cursor');
  }
  return { createdAt, id };
}

/** A short digest of the filters a listing applies, in a fixed order (absent ones included). */
export function filterFingerprint(filters: readonly (string | undefined)[]): string {
  return createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 12);
}

export function isUuid(text: string): boolean {
  return UUID.test(text);
}
