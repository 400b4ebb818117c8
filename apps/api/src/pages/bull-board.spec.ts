import { UnauthorizedException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { RequestAuthenticator } from '../auth/request-authenticator';
import { adminOnlyMiddleware, signInPath } from './bull-board';

interface Outcome {
  status?: number;
  body?: unknown;
  location?: string;
  next: boolean;
}

/** A request as Express gives it; `accept` is what the client prefers (`html` for a browser page). */
function request(accept: 'json' | 'html' = 'json', method = 'GET', originalUrl = '/admin/queues'): Request {
  return {
    headers: {},
    method,
    originalUrl,
    accepts: (types: string[]) => (types.includes(accept) ? accept : false),
  } as unknown as Request;
}

function run(authenticate: () => Promise<unknown>, req: Request = request()): Promise<Outcome> {
  const authenticator = { authenticate } as unknown as RequestAuthenticator;
  return new Promise((resolve) => {
    const outcome: Outcome = { next: false };
    const res = {
      redirect(code: number, location: string) {
        outcome.status = code;
        outcome.location = location;
        resolve(outcome);
      },
      status(code: number) {
        outcome.status = code;
        return this;
      },
      json(body: unknown) {
        outcome.body = body;
        resolve(outcome);
      },
    } as unknown as Response;
    const next: NextFunction = () => {
      outcome.next = true;
      resolve(outcome);
    };
    adminOnlyMiddleware(authenticator)(req, res, next);
  });
}

describe('adminOnlyMiddleware (bull-board)', () => {
  it('lets an admin through', async () => {
    expect(await run(async () => ({ keyId: 'a', role: 'admin' }))).toEqual({ next: true });
  });

  it('answers 403 to a user key and 401 to no or a bad credential, never calling bull-board', async () => {
    expect(await run(async () => ({ keyId: 'u', role: 'user' }))).toMatchObject({ status: 403, next: false });
    const missing = await run(async () => {
      throw new UnauthorizedException('an API key is required');
    });
    expect(missing).toMatchObject({ status: 401, next: false, body: { message: 'an API key is required' } });
  });

  it('answers 503, not 500, when the key store cannot be reached', async () => {
    expect(
      await run(async () => {
        throw new Error('connect ECONNREFUSED');
      }),
    ).toMatchObject({ status: 503, next: false });
  });

  it('sends a browser without a session to the sign-in page, with the way back', async () => {
    const missing = async () => {
      throw new UnauthorizedException('an API key is required');
    };
    expect(await run(missing, request('html', 'GET', '/admin/queues/queue/executions?status=failed'))).toEqual({
      status: 302,
      location: '/admin?next=%2Fadmin%2Fqueues%2Fqueue%2Fexecutions%3Fstatus%3Dfailed',
      next: false,
    });
    // Scripts and bull-board's own JSON calls keep the 401.
    expect(await run(missing, request('json', 'GET', '/admin/queues/api/queues'))).toMatchObject({ status: 401 });
    expect(await run(missing, request('html', 'PUT', '/admin/queues/api/queues/executions/pause'))).toMatchObject({ status: 401 });
    // A signed-in user key is told why, not sent to sign in again.
    expect(await run(async () => ({ keyId: 'u', role: 'user' }), request('html'))).toMatchObject({ status: 403 });
  });

  it('returns only to a path under the board', () => {
    expect(signInPath('/admin/queues')).toBe('/admin?next=%2Fadmin%2Fqueues');
    expect(signInPath('//evil.example/admin/queues')).toBe('/admin?next=%2Fadmin%2Fqueues');
    expect(signInPath('/admin/queuesX')).toBe('/admin?next=%2Fadmin%2Fqueues');
  });
});
