import { bytesToDataUris } from './bytes-to-data-uri';
import { sniffMime } from './mime-sniffer';

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const hex = (text: string) => Buffer.from(text.replace(/ /g, ''), 'hex');

describe('MIME sniffing', () => {
  it.each([
    ['image/png', hex('89504e470d0a1a0a 0000000d49484452 00000001000000010806000000')],
    ['image/png', hex('89504e470d0a1a0a')],
    ['image/jpeg', hex('ffd8ffe000104a46494600010100000100010000')],
    ['image/gif', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1')],
    ['application/pdf', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')],
    ['application/gzip', hex('1f8b0800000000000003')],
    ['image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['image/svg+xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn -->\n<svg width="1"></svg>')],
    ['application/json', Buffer.from('  {"a": [1, 2]}')],
    ['text/html', Buffer.from('<!DOCTYPE html><html><body>x</body></html>')],
    ['application/xml', Buffer.from('<?xml version="1.0"?><note><to>x</to></note>')],
    ['text/plain', Buffer.from('just some words\n')],
    ['application/octet-stream', Buffer.from([0, 1, 2, 3, 254, 255])],
    ['application/octet-stream', hex('89504e470d0a1a')],
  ])('detects %s', async (mime, bytes) => {
    expect(await sniffMime(bytes)).toBe(mime);
  });
});

describe('bytesToDataUris', () => {
  it('replaces tagged byte arrays at any depth and leaves other values alone', async () => {
    const value = {
      a: { $bytes: b64('hello') },
      list: [1, { $bytes: b64('{"x":1}') }],
      other: { $bytes: 1 },
      two: { $bytes: 'aA==', extra: 1 },
    };
    expect(await bytesToDataUris(value)).toEqual({
      a: `data:text/plain;base64,${b64('hello')}`,
      list: [1, `data:application/json;base64,${b64('{"x":1}')}`],
      other: { $bytes: 1 },
      two: { $bytes: 'aA==', extra: 1 },
    });
    expect(await bytesToDataUris(null)).toBeNull();
    expect(await bytesToDataUris({ $bytes: 'iVBORw0KGgo=' })).toBe('data:image/png;base64,iVBORw0KGgo=');
  });
});
