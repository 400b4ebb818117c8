import { DomainError } from '#contracts';

export interface JobCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque keyset cursor over (createdAt, id), newest first. */
export function encodeCursor(cursor: JobCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(text: string): JobCursor {
  const [at, id, extra] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (extra !== undefined || !id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) {
    throw DomainError.invalid('cursor is not valid: pass the nextCursor of a previous page', 'cursor');
  }
  return { createdAt, id };
}

export function isUuid(text: string): boolean {
  return UUID.test(text);
}
