import { HttpException } from '@nestjs/common';
import type { DomainErrorCode } from '#contracts';
import { DomainError } from '#contracts';

export interface PistonErrorResponse {
  status: number;
  body: { message: string };
  headers: Record<string, string>;
}

const STATUS: Record<DomainErrorCode, number> = {
  invalid_request: 400,
  not_found: 404,
  conflict: 409,
  idempotency_mismatch: 422,
  rate_limited: 429,
  active_jobs_limit: 429,
  queue_full: 503,
  unavailable: 503,
};

/**
 * Piston's error format, `{"message": "..."}`, for domain errors and the HTTP exceptions of
 * guards (401/403 of authentication); null for anything else (the global filter's 500/503).
 */
export function toPistonError(error: unknown): PistonErrorResponse | null {
  if (error instanceof DomainError) {
    const headers: Record<string, string> =
      error.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) };
    return { status: STATUS[error.code], body: { message: error.messages?.join('; ') ?? error.message }, headers };
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    return {
      status: error.getStatus(),
      body: { message: Array.isArray(message) ? message.join('; ') : String(message ?? error.message) },
      headers: {},
    };
  }
  return null;
}
