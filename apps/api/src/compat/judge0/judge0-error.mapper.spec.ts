import { NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DomainError } from '#contracts';
import { Judge0Error } from './judge0-error';
import { toJudge0Error } from './judge0-error.mapper';

describe('toJudge0Error', () => {
  it("answers runq's domain errors in Judge0's format, naming the Judge0 attribute", () => {
    expect(toJudge0Error(DomainError.invalid('limits.memoryMb must not be greater than 512', 'limits.memoryMb'))).toEqual({
      status: 422,
      body: { memory_limit: ['limits.memoryMb must not be greater than 512'] },
      headers: {},
    });
    expect(toJudge0Error(DomainError.invalid('compileOptions[1] "-x" is not allowed', 'compileOptions[1]'))?.body).toEqual({
      compiler_options: ['compileOptions[1] "-x" is not allowed'],
    });
    expect(toJudge0Error(new DomainError('queue_full', 'the queue holds 1000 jobs', { retryAfterSeconds: 2.5 }))).toEqual({
      status: 503,
      body: { error: 'queue is full' },
      headers: { 'Retry-After': '3' },
    });
    expect(toJudge0Error(new DomainError('rate_limited', 'rate limit exceeded', { retryAfterSeconds: 10 }))?.status).toBe(429);
    expect(toJudge0Error(new DomainError('not_found', 'job x was not found'))).toEqual({ status: 404, body: null, headers: {} });
    expect(toJudge0Error(new DomainError('conflict', 'busy'))).toEqual({ status: 400, body: { error: 'busy' }, headers: {} });
  });

  it('answers 401 and 404 with an empty body, passes its own errors through, and leaves faults to the app', () => {
    expect(toJudge0Error(new UnauthorizedException('no key'))).toEqual({ status: 401, body: null, headers: {} });
    expect(toJudge0Error(new NotFoundException())).toEqual({ status: 404, body: null, headers: {} });
    expect(toJudge0Error(Judge0Error.badRequest('invalid page: 0'))).toEqual({
      status: 400,
      body: { error: 'invalid page: 0' },
      headers: {},
    });
    expect(toJudge0Error(new Error('database exploded'))).toBeNull();
  });
});
