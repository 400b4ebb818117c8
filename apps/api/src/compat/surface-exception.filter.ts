import { type ArgumentsHost, Catch, type ExceptionFilter, type Type } from '@nestjs/common';
import type { Response } from 'express';
import { HttpExceptionFilter } from '../common/http-exception.filter';

/** An error as a compatible surface answers it; `body` null: an empty body. */
export interface SurfaceErrorResponse {
  status: number;
  body: object | null;
  headers: Record<string, string>;
}

/**
 * A filter answering a surface's errors in its own format through `map`; what `map` leaves
 * (null), or an answer already under way, goes to the app's own filter.
 */
export function surfaceExceptionFilter(map: (error: unknown) => SurfaceErrorResponse | null): Type<ExceptionFilter> {
  @Catch()
  class SurfaceExceptionFilter implements ExceptionFilter {
    private readonly fallback = new HttpExceptionFilter();

    catch(error: unknown, host: ArgumentsHost): void {
      const res = host.switchToHttp().getResponse<Response>();
      const answer = res.headersSent ? null : map(error);
      if (!answer) return this.fallback.catch(error, host);
      for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
      res.status(answer.status);
      if (answer.body === null) res.end();
      else res.json(answer.body);
    }
  }
  return SurfaceExceptionFilter;
}
