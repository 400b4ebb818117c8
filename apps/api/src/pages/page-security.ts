import type { NextFunction, Request, Response } from 'express';
import { join } from 'node:path';

/** Built front end (scripts/build-web.ts writes it next to the compiled API). */
export const PUBLIC_DIR = join(__dirname, '..', '..', 'public');

/**
 * The API's default policy is `default-src 'none'`; pages may load their own scripts, styles
 * and images and call the API, nothing from elsewhere. Inline styles are allowed because the
 * code editor and bull-board set them; inline scripts are not.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function pageHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  next();
}
