import {
  BadRequestException,
  ConflictException,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode } from '#contracts';
import { toNativeError } from './native-error.mapper';

describe('toNativeError', () => {
  it.each<[DomainErrorCode, number, string]>([
    ['invalid_request', 400, 'Bad Request'],
    ['not_found', 404, 'Not Found'],
    ['conflict', 409, 'Conflict'],
    ['idempotency_mismatch', 422, 'Unprocessable Entity'],
    ['rate_limited', 429, 'Too Many Requests'],
    ['active_jobs_limit', 429, 'Too Many Requests'],
    ['queue_full', 503, 'Service Unavailable'],
    ['unavailable', 503, 'Service Unavailable'],
  ])('answers %s with %i %s', (code, status, error) => {
    const mapped = toNativeError(new DomainError(code, 'why'));
    expect(mapped).toEqual({ status, body: { message: 'why', error, statusCode: status }, headers: {} });
  });

  it('maps every code', () => {
    for (const code of DOMAIN_ERROR_CODES) expect(toNativeError(new DomainError(code, 'x')).status).toBeGreaterThanOrEqual(400);
  });

  it('writes the body Nest exceptions wrote, key order included', () => {
    const pairs: [DomainError, { getResponse(): string | object }][] = [
      [DomainError.invalid('code must not be empty', 'code'), new BadRequestException('code must not be empty')],
      [new DomainError('not_found', 'job x was not found'), new NotFoundException('job x was not found')],
      [new DomainError('conflict', 'already completed'), new ConflictException('already completed')],
      [new DomainError('idempotency_mismatch', 'used'), new UnprocessableEntityException('used')],
      [new DomainError('unavailable', 'the job queue is unavailable'), new ServiceUnavailableException('the job queue is unavailable')],
    ];
    for (const [error, nest] of pairs) expect(JSON.stringify(toNativeError(error).body)).toBe(JSON.stringify(nest.getResponse()));
  });

  it('lists every problem when several were found, as the validation pipe does', () => {
    const error = new DomainError('invalid_request', 'a; b', { messages: ['a', 'b'] });
    expect(JSON.stringify(toNativeError(error).body)).toBe(JSON.stringify(new BadRequestException(['a', 'b']).getResponse()));
  });

  it('adds Retry-After (whole seconds, at least 1) to refusals that pass, with statusCode first', () => {
    const full = toNativeError(new DomainError('queue_full', 'the job queue is full', { retryAfterSeconds: 5 }));
    expect(full.status).toBe(503);
    expect(full.headers).toEqual({ 'Retry-After': '5' });
    expect(JSON.stringify(full.body)).toBe('{"statusCode":503,"message":"the job queue is full","error":"Service Unavailable"}');
    expect(toNativeError(new DomainError('rate_limited', 'slow down', { retryAfterSeconds: 2.2 })).headers).toEqual({ 'Retry-After': '3' });
    expect(toNativeError(new DomainError('active_jobs_limit', 'cap', { retryAfterSeconds: 0 })).headers).toEqual({ 'Retry-After': '1' });
  });
});
