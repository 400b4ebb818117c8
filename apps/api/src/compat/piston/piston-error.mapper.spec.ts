import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { DomainError } from '#contracts';
import { toPistonError } from './piston-error.mapper';

describe('toPistonError', () => {
  it('answers domain errors as {message} with their status and Retry-After', () => {
    expect(toPistonError(DomainError.invalid('language is required as a string', 'language'))).toEqual({
      status: 400,
      body: { message: 'language is required as a string' },
      headers: {},
    });
    expect(toPistonError(new DomainError('queue_full', 'the queue is full', { retryAfterSeconds: 4.2 }))).toEqual({
      status: 503,
      body: { message: 'the queue is full' },
      headers: { 'Retry-After': '5' },
    });
    expect(toPistonError(new DomainError('rate_limited', 'slow down', { retryAfterSeconds: 0 }))?.status).toBe(429);
  });

  it("answers authentication's HTTP exceptions as {message}", () => {
    expect(toPistonError(new UnauthorizedException('the API key is not valid'))).toEqual({
      status: 401,
      body: { message: 'the API key is not valid' },
      headers: {},
    });
    expect(toPistonError(new ForbiddenException('this endpoint needs an admin key'))?.body).toEqual({
      message: 'this endpoint needs an admin key',
    });
  });

  it('leaves anything else to the global filter', () => expect(toPistonError(new Error('boom'))).toBeNull());
});
