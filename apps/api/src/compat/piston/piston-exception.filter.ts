import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { HttpExceptionFilter } from '../../common/http-exception.filter';
import { toPistonError } from './piston-error.mapper';

/** Errors of the Piston controllers in Piston's format; what it does not map, the global filter answers. */
@Catch()
export class PistonExceptionFilter implements ExceptionFilter {
  private readonly fallback = new HttpExceptionFilter();

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const mapped = res.headersSent ? null : toPistonError(error);
    if (!mapped) return this.fallback.catch(error, host);
    for (const [name, value] of Object.entries(mapped.headers)) res.setHeader(name, value);
    res.status(mapped.status).json(mapped.body);
  }
}
