import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';

/** A body-parser error with the status and type the exception filter answers by. */
function parserError(status: number, type: string, message: string, extra: object = {}): Error {
  return Object.assign(new Error(message), { status, type, ...extra });
}

/**
 * Options of the JSON body parser: any JSON value is parsed (a body that is not an object is
 * refused by validation, with a message saying so), and only UTF-8 is taken (RFC 8259): other
 * charsets are a 415, bytes that are not UTF-8 a 400, never replaced by U+FFFD.
 */
export function jsonBodyOptions(limit: number) {
  return {
    limit,
    strict: false,
    verify: (_req: IncomingMessage, _res: unknown, body: Buffer, charset: string) => {
      if (!/^utf-?8$/i.test(charset)) throw parserError(415, 'charset.unsupported', `unsupported charset "${charset}"`, { charset });
      if (!isUtf8(body)) throw parserError(400, 'entity.encoding.invalid', 'body is not valid UTF-8');
    },
  };
}
