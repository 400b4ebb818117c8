import { clearedSessionCookie, sessionCookie, sessionIdOf } from './session-cookie';

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict, site-wide, and Secure only when configured', () => {
    const plain = sessionCookie('abc', 3600, false);
    expect(plain).toBe('runq_session=abc; Max-Age=3600; Path=/; HttpOnly; SameSite=Strict');
    expect(sessionCookie('abc', 3600, true)).toContain('; Secure');
  });

  it('is cleared with an empty value that expires at once', () => {
    expect(clearedSessionCookie(false)).toMatch(/^runq_session=; Max-Age=0;/);
  });

  it('is read from among other cookies, and absent otherwise', () => {
    expect(sessionIdOf({ headers: { cookie: 'a=1; runq_session=xyz; b=2' } })).toBe('xyz');
    expect(sessionIdOf({ headers: { cookie: 'a=1' } })).toBeNull();
    expect(sessionIdOf({ headers: {} })).toBeNull();
  });
});
