import type { DomainError, DomainErrorCode } from '#contracts';

export interface NativeErrorResponse {
  status: number;
  body: object;
  headers: Record<string, string>;
}

const STATUS: Record<DomainErrorCode, [number, string]> = {
  invalid_request: [400, 'Bad Request'],
  not_found: [404, 'Not Found'],
  conflict: [409, 'Conflict'],
  idempotency_mismatch: [422, 'Unprocessable Entity'],
  rate_limited: [429, 'Too Many Requests'],
  active_jobs_limit: [429, 'Too Many Requests'],
  queue_full: [503, 'Service Unavailable'],
  unavailable: [503, 'Service Unavailable'],
};

/**
 * The native API's answer to a DomainError: `{message, error, statusCode}` (`message` a list
 * when several fields are wrong), and for refusals to retry later `Retry-After` with
 * `{statusCode, message, error}`. Key order is part of what clients have always received.
 */
export function toNativeError(error: DomainError): NativeErrorResponse {
  const [status, name] = STATUS[error.code];
  const message = error.messages ?? error.message;
  if (error.retryAfterSeconds === undefined) return { status, body: { message, error: name, statusCode: status }, headers: {} };
  return {
    status,
    body: { statusCode: status, message, error: name },
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) },
  };
}
