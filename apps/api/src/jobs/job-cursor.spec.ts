import { decodeCursor, encodeCursor, filterFingerprint, isUuid } from './job-cursor';

const ID = '3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b';
const raw = (text: string) => Buffer.from(text).toString('base64url');

describe('job cursor', () => {
  it('round-trips createdAt (to the millisecond) and id', () => {
    const cursor = { createdAt: new Date('2024-05-06T07:08:09.123Z'), id: ID };
    const decoded = decodeCursor(encodeCursor(cursor));
    expect(decoded.id).toBe(ID);
    expect(decoded.createdAt.getTime()).toBe(cursor.createdAt.getTime());
  });

  it('is opaque and URL-safe', () => {
    const text = encodeCursor({ createdAt: new Date('2030-12-31T23:59:59.999Z'), id: ID });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text).not.toContain(ID);
  });

  it('gives different cursors for different positions', () => {
    const at = new Date('2024-01-01T00:00:00.000Z');
    expect(encodeCursor({ createdAt: at, id: ID })).not.toBe(encodeCursor({ createdAt: new Date(at.getTime() + 1), id: ID }));
  });

  it.each([
    ['garbage', '!!!not a cursor!!!'],
    ['an empty string', ''],
    ['base64 of text without a separator', raw('hello')],
    ['an id that is not a UUID', raw('2024-05-06T07:08:09.123Z|not-a-uuid')],
    ['a missing id', raw('2024-05-06T07:08:09.123Z|')],
    ['a bad date', raw(`yesterday|${ID}`)],
    ['extra parts', raw(`2024-05-06T07:08:09.123Z|${ID}|more`)],
  ])('rejects %s with a 400', (_case, text) => {
    expect(() => decodeCursor(text)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });
});

describe('job cursor sealed with filters', () => {
  const at = { createdAt: new Date('2024-05-06T07:08:09.123Z'), id: ID };
  const python = filterFingerprint(['completed', undefined, 'python', undefined, undefined]);
  const ruby = filterFingerprint(['completed', undefined, 'ruby', undefined, undefined]);

  it('continues the listing with the same filters', () => {
    expect(decodeCursor(encodeCursor(at, python), python)).toEqual(at);
  });

  it('refuses it for other filters, for none, and an unsealed cursor where one is expected', () => {
    expect(python).not.toBe(ruby);
    expect(() => decodeCursor(encodeCursor(at, python), ruby)).toThrow(
      expect.objectContaining({ code: 'invalid_request', field: 'cursor', message: expect.stringMatching(/with the same filters/) }),
    );
    expect(() => decodeCursor(encodeCursor(at, python))).toThrow(expect.objectContaining({ field: 'cursor' }));
    expect(() => decodeCursor(encodeCursor(at), python)).toThrow(expect.objectContaining({ field: 'cursor' }));
  });

  it('tells absent filters from present ones, whatever their position', () => {
    expect(filterFingerprint([undefined, 'ok'])).not.toBe(filterFingerprint(['ok', undefined]));
    expect(filterFingerprint([undefined])).not.toBe(filterFingerprint(['']));
  });
});

describe('isUuid', () => {
  it.each([ID, ID.toUpperCase(), '00000000-0000-0000-0000-000000000000'])('accepts %s', (text) => {
    expect(isUuid(text)).toBe(true);
  });

  it.each(['', 'abc', `${ID}0`, ` ${ID}`, ID.replaceAll('-', ''), '3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5g'])('rejects %j', (text) => {
    expect(isUuid(text)).toBe(false);
  });
});
