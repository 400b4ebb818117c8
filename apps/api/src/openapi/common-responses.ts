import { applyDecorators } from '@nestjs/common';
import { ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { ErrorDoc } from '../jobs/dto/job-view.doc';
import { errors } from './examples';

export const API_KEY_SCHEME = 'apiKey';
export const BEARER_SCHEME = 'bearer';
export const BASIC_SCHEME = 'basic';
export const METRICS_TOKEN_SCHEME = 'metricsToken';

export const ADMIN_ONLY = 'Admin keys only: a user key gets 403.';

const retryAfter = {
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer', minimum: 1 },
  },
};
const rateLimitHeaders = {
  'RateLimit-Limit': { description: 'Requests the key may make per window', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in the current window', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the window resets', schema: { type: 'integer' } },
  'RateLimit-Policy': { description: '`<limit>;w=60`', schema: { type: 'string' } },
};

/** The key's carriers every keyed route takes: X-API-Key, Bearer and Basic credentials. */
export const ApiKeySecurity = () => applyDecorators(ApiSecurity(API_KEY_SCHEME), ApiSecurity(BEARER_SCHEME), ApiSecurity(BASIC_SCHEME));

export interface KeyedOptions {
  /** Creates jobs one at a time: the key's active-jobs cap can refuse it (429). */
  activeJobsCap?: boolean;
  /** Creates jobs: a full queue refuses it (503 queue_full). */
  backpressure?: boolean;
}

/**
 * What every keyed route may answer besides its own results: 401 without a valid key, 429 once the key's
 * request rate is spent (RateLimitGuard), 503 when a backing service is down; job creation adds its own
 * reasons for 429 and 503.
 */
export const ApiKeyed = ({ activeJobsCap = false, backpressure = false }: KeyedOptions = {}) =>
  applyDecorators(
    ApiKeySecurity(),
    ApiResponse({
      status: 401,
      description: 'No API key, or an unknown or revoked one',
      type: ErrorDoc,
      examples: { unauthorized: errors.unauthorized },
    }),
    ApiResponse({
      status: 429,
      description: activeJobsCap
        ? "The key's requests per minute are spent, or it already has as many jobs queued or running as its cap allows"
        : "The key's requests per minute are spent",
      type: ErrorDoc,
      headers: { ...retryAfter, ...rateLimitHeaders },
      examples: activeJobsCap
        ? { rateLimited: errors.rateLimited, activeJobs: errors.activeJobsLimit }
        : { rateLimited: errors.rateLimited },
    }),
    ApiResponse({
      status: 503,
      description: backpressure
        ? 'The queue is full (RUNQ_MAX_QUEUE_DEPTH jobs waiting; nothing was written), or Postgres or Redis cannot be reached'
        : 'Postgres or Redis cannot be reached',
      type: ErrorDoc,
      headers: retryAfter,
      examples: backpressure ? { queueFull: errors.queueFull, unavailable: errors.unavailable } : { unavailable: errors.unavailable },
    }),
  );

/** Routes that only admin keys may call (@AdminOnly()). */
export const ApiAdminOnly = () =>
  ApiResponse({
    status: 403,
    description: 'A user key: the route needs an admin key',
    type: ErrorDoc,
    examples: { forbidden: errors.forbidden },
  });

export const ApiValidationError = (description = 'A field is malformed, too large or not allowed; `message` names it') =>
  ApiResponse({ status: 400, description, type: ErrorDoc, examples: { validation: errors.validation } });

/** Routes that take a JSON body: besides the fields' own checks, the body must parse and fit RUNQ_MAX_BODY_BYTES. */
export const ApiJsonBodyErrors = () =>
  applyDecorators(
    ApiResponse({
      status: 400,
      description: 'The body is not valid JSON, or a field is malformed, too large or not allowed; `message` names it',
      type: ErrorDoc,
      examples: { validation: errors.validation, json: errors.invalidJson },
    }),
    ApiResponse({
      status: 413,
      description: 'The body is larger than RUNQ_MAX_BODY_BYTES',
      type: ErrorDoc,
      examples: { tooLarge: errors.tooLarge },
    }),
    ApiResponse({
      status: 415,
      description: 'The body is not `application/json` in UTF-8',
      type: ErrorDoc,
      examples: { notJson: errors.notJson },
    }),
  );

export const ApiNotFound = (example: { summary: string; value: object } = errors.notFound) =>
  ApiResponse({ status: 404, description: 'Unknown id, or one the caller may not see', type: ErrorDoc, examples: { notFound: example } });
