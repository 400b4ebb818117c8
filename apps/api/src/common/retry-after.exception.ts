import { HttpException, HttpStatus } from '@nestjs/common';

const ERRORS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.TOO_MANY_REQUESTS]: 'Too Many Requests',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service Unavailable',
};

/** A refusal the client should retry later: HttpExceptionFilter adds `Retry-After`. */
export class RetryAfterException extends HttpException {
  constructor(
    status: HttpStatus.TOO_MANY_REQUESTS | HttpStatus.SERVICE_UNAVAILABLE,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super({ statusCode: status, message, error: ERRORS[status] }, status);
  }
}
