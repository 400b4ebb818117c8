import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { ApiKeyService } from './api-key.service';
import type { Caller } from './caller';
import { sessionIdOf } from './session-cookie';
import { SessionStore } from './session.store';

/**
 * Who sent a request: an API key (X-API-Key or Bearer) or, failing that, a dashboard session
 * cookie. Shared by the guard and by plain Express middleware (bull-board) that guards never see.
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
      const site = request.headers['sec-fetch-site'];
      if (site === 'cross-site' || site === 'same-site')
        throw new ForbiddenException('the session cookie is not accepted from another site');
      const caller = await this.sessions.find(sessionId);
      if (!caller || !(await this.keys.isActive(caller.keyId))) throw new UnauthorizedException('the session has expired; log in again');
      return caller;
    }
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
  return match ? match[1] : null;
}

/** Judge0's carrier (its clients' AUTHN_HEADER): the X-Auth-Token header, or the same name as a query parameter. */
function judge0Token(request: Pick<IncomingMessage, 'headers' | 'url'>): string | null {
  const header = request.headers['x-auth-token'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const query = request.url?.startsWith('/judge0') ? new URL(request.url, 'http://runq.invalid').searchParams.get('X-Auth-Token') : null;
  return query?.trim() || null;
}
