import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Runq-Signature';
export const TIMESTAMP_HEADER = 'X-Runq-Timestamp';
export const JOB_ID_HEADER = 'X-Runq-Job-Id';
export const WEBHOOK_USER_AGENT = 'runq-webhooks';

/** How old (or how far in the future) a signed timestamp may be before verification refuses it. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export class WebhookSigningError extends Error {}

/**
 * `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. The timestamp is inside the MAC so a
 * captured delivery cannot be replayed later with a fresh timestamp header.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  // An empty key would make a MAC anyone can compute: refuse rather than send a meaningless signature.
  if (!secret) throw new WebhookSigningError('no webhook secret to sign with');
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new WebhookSigningError(`invalid webhook timestamp: ${timestamp}`);
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * True when `signature` is the one `signWebhook` gives for this body and timestamp, and the timestamp
 * is within `toleranceSeconds` of `now` (unix seconds). Accepts the timestamp as the raw header text.
 */
export function verifyWebhook(
  secret: string,
  timestamp: number | string,
  body: string,
  signature: string,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  now = Math.floor(Date.now() / 1000),
): boolean {
  if (!secret || typeof signature !== 'string') return false;
  const seconds = typeof timestamp === 'number' ? timestamp : /^\d{1,15}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isSafeInteger(seconds) || Math.abs(now - seconds) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, seconds, body));
  const given = Buffer.from(signature);
  // timingSafeEqual throws on a length mismatch; the length of a signature is no secret.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Every header of a delivery, Content-Length aside (the client sets it from the bytes it sends). */
export function webhookHeaders(secret: string, jobId: string, body: string, timestamp: number): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'User-Agent': WEBHOOK_USER_AGENT,
    [JOB_ID_HEADER]: jobId,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
  };
}
