/**
 * Why a request was refused, in the service's own terms. Each API surface maps a code to
 * its own response (status, body, headers); nothing below the HTTP layer knows HTTP.
 */
export const DOMAIN_ERROR_CODES = [
  /** Something in the request is wrong; the message names the field. */
  'invalid_request',
  /** No such resource, or one the caller may not see. */
  'not_found',
  /** The resource is not in a state that allows this (a finished job cancelled, a request in flight). */
  'conflict',
  /** An Idempotency-Key reused with a different request. */
  'idempotency_mismatch',
  /** The caller's request budget is spent. */
  'rate_limited',
  /** The caller already has as many jobs queued or running as it may. */
  'active_jobs_limit',
  /** The queue holds as many waiting jobs as the server accepts. */
  'queue_full',
  /** A backing service cannot take the work now. */
  'unavailable',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** Codes that say the service cannot take work now, as opposed to something wrong with one request. */
export const SERVICE_REFUSAL_CODES: readonly DomainErrorCode[] = ['queue_full', 'unavailable'];

export interface DomainErrorDetails {
  /** The request field at fault, when there is one (e.g. "stdin", "files[1].name"). */
  field?: string;
  /** Every problem when several were found at once; `message` then joins them. */
  messages?: string[];
  /** When to try again, for refusals that pass. */
  retryAfterSeconds?: number;
}

export class DomainError extends Error {
  readonly field?: string;
  readonly messages?: string[];
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.field = details.field;
    this.messages = details.messages;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** Something wrong with the request, naming the field at fault when there is one. */
  static invalid(message: string, field?: string): DomainError {
    return new DomainError('invalid_request', message, field === undefined ? {} : { field });
  }
}
