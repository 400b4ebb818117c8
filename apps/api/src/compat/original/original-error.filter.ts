import { ArgumentsHost, Catch } from '@nestjs/common';
import type { Response } from 'express';
import { HttpExceptionFilter } from '../../common/http-exception.filter';

/** The error body of the original request shapes: one message naming the field. */
export interface OriginalError {
  error: string;
}

/** A native error body (`{statusCode, message, error}`, `message` a string or a list) as `{"error": "…"}`. */
export function toOriginalError(body: unknown): OriginalError {
  const { message, error } = (body ?? {}) as { message?: unknown; error?: unknown };
  if (Array.isArray(message)) return { error: message.map(String).join('; ') };
  if (typeof message === 'string') return { error: message };
  return { error: typeof error === 'string' ? error : 'request failed' };
}

/**
 * Errors of the original shapes' routes: status and headers exactly as the native filter
 * decides them (domain errors, refusals with Retry-After, 401, 415, 503 while a
 * backing service is down), the body in these shapes' own form.
 */
@Catch()
export class OriginalErrorFilter extends HttpExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(toOriginalError(body));
    super.catch(error, host);
  }
}
