import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/** What a page may send: the API key in either header, JSON, retry keys and its own request id. */
export const CORS_ALLOWED_HEADERS = ['X-API-Key', 'Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'];
/** What a page may read besides the CORS-safelisted headers. */
export const CORS_EXPOSED_HEADERS = [
  'Location',
  'Retry-After',
  'Idempotent-Replayed',
  'X-Request-Id',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
];
/** Browsers may cache a preflight answer this long (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * CORS for RUNQ_CORS_ORIGINS: an allowed origin gets the CORS headers (preflights a 204), any
 * other origin gets none, so its browser refuses to show it the answer. Credentials (cookies)
 * are never allowed: cross-origin callers authenticate with their API key in a header, and
 * the dashboard's session cookie stays usable from its own origin only.
 */
export function corsOptions(origins: readonly string[]): CorsOptions {
  const allowed = new Set(origins);
  return {
    origin: allowed.has('*') ? '*' : (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: PREFLIGHT_MAX_AGE_S,
    optionsSuccessStatus: 204,
  };
}
