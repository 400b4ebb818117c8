import { json } from 'body-parser';
import type { NextFunction, Request, Response } from 'express';
import { jsonBodyOptions } from '../../common/json-body';

/** The mount point of the Piston-compatible API. */
export const PISTON_PREFIX = '/piston';

/**
 * Parses /piston bodies as JSON whatever their Content-Type: piston-client sends
 * `text/plain;charset=UTF-8`. Mounted before the native parser, which then skips the parsed
 * body; the native API keeps answering 415 to other types. Refusals are in Piston's format.
 */
export function pistonBody(limit: number) {
  const parse = json({ ...jsonBodyOptions(limit), type: () => true });
  return (req: Request, res: Response, next: NextFunction): void => {
    parse(req, res, (error?: { status?: number; message?: string; type?: string }) => {
      if (!error) return next();
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 400;
      const message = error.type === 'entity.parse.failed' ? `body is not valid JSON: ${error.message}` : (error.message ?? 'bad request');
      res.status(status).json({ message });
    });
  };
}
