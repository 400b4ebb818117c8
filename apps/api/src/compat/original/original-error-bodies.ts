import type { NextFunction, Request, Response } from 'express';

/** The error body of the original request shapes: one message naming the field. */
export interface OriginalError {
  error: string;
}

/**
 * The paths of the original shapes' controllers: `/` (POST; GET / is the pages' redirect,
 * which has no error body), `/api/execute`, `/api/languages`, `/api/system`, `/run/:language`.
 */
const ORIGINAL_PATHS = /^\/(?:api\/(?:execute|languages|system)|run\/[^/]+)?\/?$/;

/** A native error body (`{statusCode, message, error}`, `message` a string or a list) as `{"error": "…"}`. */
export function toOriginalError(body: unknown): OriginalError {
  const { message, error } = (body ?? {}) as { message?: unknown; error?: unknown };
  if (Array.isArray(message)) return { error: message.map(String).join('; ') };
  if (typeof message === 'string') return { error: message };
  return { error: typeof error === 'string' ? error : 'request failed' };
}

/**
 * Mounted before the body parser: on the original shapes' paths, every error answer (a body
 * that is not JSON or nested too deep, no key, validation, domain errors, 503s) keeps the
 * status and headers the native API gives it, with the body as `{"error": "…"}`.
 */
export function originalErrorBodies(req: Request, res: Response, next: NextFunction): void {
  if (ORIGINAL_PATHS.test(req.path)) {
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(res.statusCode >= 400 ? toOriginalError(body) : body);
  }
  next();
}
