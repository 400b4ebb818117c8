import { isUtf8 } from 'node:buffer';

type FileTypeModule = { fileTypeFromBuffer(buffer: Uint8Array): Promise<{ mime: string } | undefined> };

let fileType: Promise<FileTypeModule> | null = null;

/** file-type is ESM-only; Node 24 loads it from this CommonJS build through require(esm). */
function loadFileType(): Promise<FileTypeModule> {
  fileType ??= import('file-type') as Promise<FileTypeModule>;
  return fileType;
}

/** Signatures file-type reports under a name clients know less well. */
const MIME_ALIASES: Record<string, string> = { 'audio/x-wav': 'audio/wav', 'audio/wave': 'audio/wav', 'audio/x-mpeg': 'audio/mpeg' };

/**
 * Signatures file-type does not report when nothing follows them (it reads PNG's first chunk
 * too): the PNG signature alone is still a PNG's start, as clients expect.
 */
const BARE_SIGNATURES: [Buffer, string][] = [[Buffer.from('89504e470d0a1a0a', 'hex'), 'image/png']];

/**
 * The MIME type of some bytes: binary formats by their signature (file-type, then the bare
 * signatures above), then text formats by a look at the text (SVG, JSON, HTML, XML, plain),
 * else octet-stream.
 */
export async function sniffMime(bytes: Buffer): Promise<string> {
  const detected = bytes.length ? await (await loadFileType()).fileTypeFromBuffer(bytes) : undefined;
  const bare = detected ? undefined : BARE_SIGNATURES.find(([signature]) => bytes.subarray(0, signature.length).equals(signature));
  if (bare) return bare[1];
  // file-type reads SVG and plain XML as application/xml only with a prolog; text sniffing is more precise for both.
  if (detected && detected.mime !== 'application/xml') return MIME_ALIASES[detected.mime] ?? detected.mime;
  return sniffText(bytes) ?? detected?.mime ?? 'application/octet-stream';
}

function sniffText(bytes: Buffer): string | null {
  if (!bytes.length || !isUtf8(bytes)) return null;
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  // eslint-disable-next-line no-control-regex -- control characters mean binary data
  if (/[\u0000-\u0008\u000E-\u001F]/.test(text.slice(0, 4096))) return null;
  const head = text.trimStart().slice(0, 4096);
  const body = head.replace(/^<\?xml[^>]*\?>\s*/i, '').replace(/^(<!--[\s\S]*?-->\s*|<!DOCTYPE svg[^>]*>\s*)*/i, '');
  if (/^<svg[\s>]/i.test(body)) return 'image/svg+xml';
  if (/^<!DOCTYPE html|^<html[\s>]|^<(head|body|div|p|table|h[1-6])[\s>]/i.test(head)) return 'text/html';
  if (/^<\?xml/i.test(head) || /^<[A-Za-z_][\w.-]*(\s[^>]*)?\/?>/.test(head)) return 'application/xml';
  if (/^[[{"]/.test(head) || /^(true|false|null|-?\d)/.test(head)) {
    try {
      JSON.parse(text);
      return 'application/json';
    } catch {
      // Not JSON: plain text.
    }
  }
  return 'text/plain';
}
