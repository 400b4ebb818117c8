import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '#contracts';
import { isDatabaseUnavailable } from '#db';
import { toNativeError } from './native-error.mapper';

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  message?: string;
  limit?: number;
}

/**
 * One place that turns errors into responses: domain errors as the native API answers them
 * (native-error.mapper), HTTP exceptions pass through, body-parser
 * errors become 400/413 with a readable message, anything else is a 500 without details
 * (logged server-side, never a stack trace in the response).
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (error instanceof DomainError) {
      const { status, body, headers } = toNativeError(error);
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.status(status).json(body);
      return;
    }
    const parser = (error instanceof HttpException ? error.cause : error) as BodyParserError | undefined;
    if (parser?.type === 'entity.too.large') {
      res
        .status(HttpStatus.PAYLOAD_TOO_LARGE)
        .json({ statusCode: 413, message: `request body must be at most ${parser.limit} bytes`, error: 'Payload Too Large' });
      return;
    }
    if (parser?.type === 'entity.parse.failed') {
      res
        .status(HttpStatus.BAD_REQUEST)
        .json({ statusCode: 400, message: `body is not valid JSON: ${parser.message}`, error: 'Bad Request' });
      return;
    }
    if (error instanceof HttpException) {
      const body = error.getResponse();
      res.status(error.getStatus()).json(typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body);
      return;
    }
    const status = parser?.status ?? parser?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ statusCode: status, message: parser?.message ?? 'bad request' });
      return;
    }
    if (isUnavailable(error)) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', '5');
      res.json({ statusCode: 503, message: 'a backing service is unavailable; retry shortly', error: 'Service Unavailable' });
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, message: 'internal error' });
  }
}

/** Database or Redis unreachable: the request may succeed later, so 503 rather than 500. */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code ?? '';
  // P2028: a transaction could not start in time (pool exhausted while the database is slow).
  return (
    code === 'P2028' ||
    isDatabaseUnavailable(error) ||
    /Stream isn't writeable|Connection is closed|max retries per request/i.test(error.message)
  );
}
