import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'rq_';

/** A new random API key: `rq_` + 40 base62-ish characters (~238 bits). */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(30).toString('base64url').replace(/[-_]/g, 'x');
}

/** Keys are high-entropy random strings, so a fast hash is enough (no password stretching). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function displayPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}
