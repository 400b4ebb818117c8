import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { ApiKeyService } from './api-key.service';
import type { Caller } from './caller';
import { sessionIdOf } from './session-cookie';
import { SessionStore } from './session.store';

/**
 * Who sent a request: an API key (X-API-Key, Bearer or Basic) or, failing that, a dashboard
 * session cookie, or failing both the anonymous key when the server names one. Shared by the
 * guard and by plain Express middleware (bull-board) that guards never see.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly sessions: SessionStore,
  ) {}

  /** The caller; 401 when no credential is presented or it is not valid. */
  async authenticate(request: Pick<IncomingMessage, 'headers' | 'url'>): Promise<Caller> {
    const key = presentedKey(request);
    if (key) {
      const caller = await this.keys.authenticate(key);
      if (!caller) throw new UnauthorizedException('the API key is not valid');
      return caller;
    }
    const sessionId = sessionIdOf(request);
    if (sessionId) {
      // SameSite=Strict already keeps the cookie off other sites' requests; this refuses any that still arrive.
      if (crossSite(request)) throw new ForbiddenException('the session cookie is not accepted from another site');
      const caller = await this.sessions.find(sessionId);
      if (!caller || !(await this.keys.isActive(caller.keyId))) throw new UnauthorizedException('the session has expired; log in again');
      return caller;
    }
    // Only a request without credentials is anonymous (a malformed one is refused as a wrong key is),
    // and a page on another site must not make a visitor's browser run code here as the anonymous key.
    const sentCredentials = request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined;
    const anonymous = sentCredentials || crossSite(request) ? null : await this.keys.anonymous();
    if (anonymous) return anonymous;
    throw new UnauthorizedException('an API key is required: send it in the X-API-Key header');
  }
}

export function presentedKey(request: Pick<IncomingMessage, 'headers' | 'url'>): string | null {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const judge0 = judge0Token(request);
  if (judge0) return judge0;
  const auth = request.headers.authorization;
  const match = typeof auth === 'string' ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  if (match) return match[1];
  return typeof auth === 'string' ? basicKey(auth) : null;
}

/**
 * The key in `Authorization: Basic` (what clients send for URL userinfo, e.g. piston-client's
 * `http://runq:KEY@host/piston`): the password, or the user name when the password is empty.
 */
export function basicKey(authorization: string): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization);
  if (!match) return null;
  const credentials = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = credentials.indexOf(':');
  const [user, password] = colon < 0 ? [credentials, ''] : [credentials.slice(0, colon), credentials.slice(colon + 1)];
  return password.trim() || user.trim() || null;
}

/** A browser's request from another site (Sec-Fetch-Site), which neither a session cookie nor anonymous access serves. */
function crossSite(request: Pick<IncomingMessage, 'headers'>): boolean {
  const site = request.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

/** Judge0's carrier (its clients' AUTHN_HEADER): the X-Auth-Token header, or the same name as a query parameter. */
function judge0Token(request: Pick<IncomingMessage, 'headers' | 'url'>): string | null {
  const header = request.headers['x-auth-token'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const query = request.url?.startsWith('/judge0') ? new URL(request.url, 'http://runq.invalid').searchParams.get('X-Auth-Token') : null;
  return query?.trim() || null;
}
