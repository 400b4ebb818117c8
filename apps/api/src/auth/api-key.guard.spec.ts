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
    anonymous: jest.fn(async (): Promise<Caller | null> => null),
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

  it('accepts Basic credentials: the key as the password, or as the user name with an empty password', async () => {
    const basic = (credentials: string) => ({ authorization: `Basic ${Buffer.from(credentials).toString('base64')}` });
    for (const [credentials, caller] of [
      ['runq:u', KEYS.u],
      ['a:', KEYS.a],
      ['a', KEYS.a],
    ] as const) {
      const viaBasic = contextFor('jobs', basic(credentials));
      await expect(guard.canActivate(viaBasic.context)).resolves.toBe(true);
      expect(viaBasic.request.caller).toEqual(caller);
    }
    await expect(guard.canActivate(contextFor('jobs', basic('u:nope')).context)).rejects.toThrow('not valid');
    await expect(guard.canActivate(contextFor('jobs', basic(':')).context)).rejects.toThrow(UnauthorizedException);
  });

  it('takes key-less requests as the anonymous key when there is one, with its role', async () => {
    (keys.anonymous as jest.Mock).mockResolvedValue(KEYS.u);
    const anonymous = contextFor('jobs', {});
    await expect(guard.canActivate(anonymous.context)).resolves.toBe(true);
    expect(anonymous.request.caller).toEqual(KEYS.u);
    await expect(guard.canActivate(contextFor('keys', {}).context)).rejects.toThrow(ForbiddenException);
    await expect(guard.canActivate(contextFor('jobs', { 'x-api-key': 'nope' }).context)).rejects.toThrow('not valid');
    await expect(guard.canActivate(contextFor('jobs', { 'sec-fetch-site': 'cross-site' }).context)).rejects.toThrow(UnauthorizedException);
    for (const malformed of [{ authorization: 'Basic Og==' }, { authorization: 'Token x' }, { 'x-api-key': ' ' }] as Record<
      string,
      string
    >[])
      await expect(guard.canActivate(contextFor('jobs', malformed).context)).rejects.toThrow(UnauthorizedException);
    // An admin key as the anonymous key opens admin routes: the operator's choice, documented.
    (keys.anonymous as jest.Mock).mockResolvedValue(KEYS.a);
    await expect(guard.canActivate(contextFor('keys', {}).context)).resolves.toBe(true);
    (keys.anonymous as jest.Mock).mockResolvedValue(null);
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
