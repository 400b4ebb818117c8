import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AdminOnly } from './admin-only.decorator';
import { ApiKeyGuard } from './api-key.guard';
import type { ApiKeyService } from './api-key.service';
import type { Caller } from './caller';
import { Public } from './public.decorator';
import { RequestAuthenticator } from './request-authenticator';
import type { SessionStore } from './session.store';

class Routes {
  @Public() health() {}
  jobs() {}
  @AdminOnly() keys() {}
}

const KEYS: Record<string, Caller> = { u: { keyId: 'k-user', role: 'user' }, a: { keyId: 'k-admin', role: 'admin' } };

function contextFor(handler: keyof Routes, headers: Record<string, string>) {
  const request: Record<string, unknown> = { headers };
  const context = {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

describe('ApiKeyGuard', () => {
  const revoked = new Set<string>();
  const keys = {
    authenticate: jest.fn(async (key: string) => KEYS[key] ?? null),
    isActive: jest.fn(async (keyId: string) => !revoked.has(keyId)),
  } as unknown as ApiKeyService;
  const sessionId = 's'.repeat(43);
  const sessions = { find: jest.fn(async (id: string) => (id === sessionId ? KEYS.a : null)) } as unknown as SessionStore;
  const guard = new ApiKeyGuard(new Reflector(), new RequestAuthenticator(keys, sessions));

  it('lets public routes through without a key', async () => {
    await expect(guard.canActivate(contextFor('health', {}).context)).resolves.toBe(true);
  });

  it('asks for a key, and refuses an unknown one', async () => {
    await expect(guard.canActivate(contextFor('jobs', {}).context)).rejects.toThrow(UnauthorizedException);
    await expect(guard.canActivate(contextFor('jobs', { 'x-api-key': 'nope' }).context)).rejects.toThrow('not valid');
  });

  it('accepts X-API-Key and Bearer, and records the caller', async () => {
    const viaHeader = contextFor('jobs', { 'x-api-key': 'u' });
    await expect(guard.canActivate(viaHeader.context)).resolves.toBe(true);
    expect(viaHeader.request.caller).toEqual(KEYS.u);
    const viaBearer = contextFor('jobs', { authorization: 'Bearer a' });
    await expect(guard.canActivate(viaBearer.context)).resolves.toBe(true);
    expect(viaBearer.request.caller).toEqual(KEYS.a);
  });

  it('keeps @AdminOnly routes to admin keys', async () => {
    await expect(guard.canActivate(contextFor('keys', { 'x-api-key': 'u' }).context)).rejects.toThrow(ForbiddenException);
    await expect(guard.canActivate(contextFor('keys', { 'x-api-key': 'a' }).context)).resolves.toBe(true);
  });

  it('accepts a live dashboard session cookie, and refuses an unknown one', async () => {
    const viaCookie = contextFor('keys', { cookie: `other=1; runq_session=${sessionId}` });
    await expect(guard.canActivate(viaCookie.context)).resolves.toBe(true);
    expect(viaCookie.request.caller).toEqual(KEYS.a);
    await expect(guard.canActivate(contextFor('jobs', { cookie: `runq_session=${'x'.repeat(43)}` }).context)).rejects.toThrow('expired');
  });

  it('ends a session whose key was revoked, and refuses the cookie on cross-site requests', async () => {
    const cookie = `runq_session=${sessionId}`;
    await expect(guard.canActivate(contextFor('jobs', { cookie, 'sec-fetch-site': 'cross-site' }).context)).rejects.toThrow(
      ForbiddenException,
    );
    await expect(guard.canActivate(contextFor('jobs', { cookie, 'sec-fetch-site': 'same-origin' }).context)).resolves.toBe(true);
    revoked.add(KEYS.a.keyId);
    await expect(guard.canActivate(contextFor('jobs', { cookie }).context)).rejects.toThrow('expired');
    revoked.clear();
  });

  it('lets a presented key win over a cookie', async () => {
    const both = contextFor('keys', { 'x-api-key': 'u', cookie: `runq_session=${sessionId}` });
    await expect(guard.canActivate(both.context)).rejects.toThrow(ForbiddenException);
  });
});
