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
  charset?: string;
}

/**
 * One place that turns errors into responses: domain errors as the native API answers them
 * (native-error.mapper), HTTP exceptions pass through, body-parser
 * errors become 400/413/415 with a readable message, anything else is a 500 without details
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
    const refusal = parser?.type ? bodyRefusal(parser) : null;
    if (refusal) {
      const [status, message, name] = refusal;
      res.status(status).json({ statusCode: status, message, error: name });
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

/** What a body the parser refused is answered with: status, message, error name. */
function bodyRefusal(parser: BodyParserError): [number, string, string] | null {
  switch (parser.type) {
    case 'entity.too.large':
      return [413, `request body must be at most ${parser.limit} bytes`, 'Payload Too Large'];
    case 'entity.parse.failed':
      return [400, `body is not valid JSON: ${parser.message}`, 'Bad Request'];
    case 'entity.encoding.invalid':
      return [400, 'body is not valid UTF-8', 'Bad Request'];
    case 'charset.unsupported':
      return [415, `Content-Type charset must be utf-8, not ${parser.charset ?? 'this one'}`, 'Unsupported Media Type'];
    case 'encoding.unsupported':
      return [415, 'this Content-Encoding is not supported', 'Unsupported Media Type'];
    default:
      return null;
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
