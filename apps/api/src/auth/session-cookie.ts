import { parseCookie, stringifySetCookie } from 'cookie';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'runq_session';

/** The session id from the request's Cookie header, if any. */
export function sessionIdOf(request: Pick<IncomingMessage, 'headers'>): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string' || !header) return null;
  return parseCookie(header)[SESSION_COOKIE] ?? null;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure when configured. */
export function sessionCookie(id: string, maxAgeS: number, secure: boolean): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: id, httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: maxAgeS });
}

export function clearedSessionCookie(secure: boolean): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 0 });
}
