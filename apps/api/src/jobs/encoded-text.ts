import { DomainError, type TextEncoding } from '#contracts';

export function isCanonicalBase64(text: string): boolean {
  return text.length % 4 === 0 && Buffer.from(text, 'base64').toString('base64') === text;
}

/** Bytes a text stands for in its encoding. */
export function encodedByteLength(text: string, encoding: TextEncoding | undefined): number {
  return encoding === 'base64' ? Buffer.from(text, 'base64').length : Buffer.byteLength(text);
}

/** Bytes a text stands for in its encoding; invalid naming `field` when base64 is malformed or too large. */
export function checkEncodedSize(text: string, encoding: TextEncoding, field: string, maxBytes: number): number {
  if (encoding === 'base64' && !isCanonicalBase64(text)) throw DomainError.invalid(`${field} is not valid base64`, field);
  const bytes = encodedByteLength(text, encoding);
  if (bytes > maxBytes) throw DomainError.invalid(`${field} must be at most ${maxBytes} bytes`, field);
  return bytes;
}
