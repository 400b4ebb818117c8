import { UnauthorizedException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { RequestAuthenticator } from '../auth/request-authenticator';
import { adminOnlyMiddleware } from './bull-board';

function run(authenticate: () => Promise<unknown>): Promise<{ status?: number; body?: unknown; next: boolean }> {
  const authenticator = { authenticate } as unknown as RequestAuthenticator;
  return new Promise((resolve) => {
    const outcome: { status?: number; body?: unknown; next: boolean } = { next: false };
    const res = {
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
    adminOnlyMiddleware(authenticator)({ headers: {} } as Request, res, next);
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
});
