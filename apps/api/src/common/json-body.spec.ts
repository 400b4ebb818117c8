import type { IncomingMessage } from 'node:http';
import { jsonBodyOptions } from './json-body';

const { verify } = jsonBodyOptions(1024);
const check =
  (bytes: Buffer, charset = 'utf-8') =>
  () =>
    verify({} as IncomingMessage, undefined, bytes, charset);

describe('jsonBodyOptions', () => {
  it('parses any JSON value within the limit (validation says when it is not an object)', () => {
    expect(jsonBodyOptions(1024)).toMatchObject({ limit: 1024, strict: false });
  });

  it('takes UTF-8, a byte order mark and 4-byte characters included', () => {
    expect(check(Buffer.from('{"code":"print(\'😀 é\')"}'))).not.toThrow();
    expect(check(Buffer.from('\ufeff{}'))).not.toThrow();
  });

  it('refuses bytes that are not UTF-8 with a 400, rather than replacing them', () => {
    for (const bad of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) {
      expect(check(Buffer.concat([Buffer.from('{"code":"'), Buffer.from(bad), Buffer.from('"}')]))).toThrow(
        expect.objectContaining({ status: 400, type: 'entity.encoding.invalid' }),
      );
    }
  });

  it('refuses another charset with a 415', () => {
    expect(check(Buffer.from('{}'), 'utf-16')).toThrow(
      expect.objectContaining({ status: 415, type: 'charset.unsupported', charset: 'utf-16' }),
    );
  });
});
