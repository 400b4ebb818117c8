import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { HttpExceptionFilter } from '../../common/http-exception.filter';
import { toJudge0Error } from './judge0-error.mapper';

/** Errors on the Judge0 surface in Judge0's format; anything else as the app answers it. */
@Catch()
export class Judge0ExceptionFilter implements ExceptionFilter {
  private readonly fallback = new HttpExceptionFilter();

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const answer = res.headersSent ? null : toJudge0Error(error);
    if (!answer) return this.fallback.catch(error, host);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.status(answer.status);
    if (answer.body === null) res.end();
    else res.json(answer.body);
  }
}
