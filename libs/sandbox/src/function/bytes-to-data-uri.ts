import { sniffMime } from './mime-sniffer';

const BYTES_TAG = '$bytes';

function isBytesTag(value: unknown): value is { [BYTES_TAG]: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === BYTES_TAG && typeof (value as Record<string, unknown>)[BYTES_TAG] === 'string';
}

/**
 * Replaces every `{"$bytes": "<base64>"}` the harness tagged in a result with a
 * `data:<mime>;base64,…` string, the MIME type read from the bytes.
 */
export async function bytesToDataUris(value: unknown): Promise<unknown> {
  if (isBytesTag(value)) {
    const base64 = value[BYTES_TAG];
    const mime = await sniffMime(Buffer.from(base64, 'base64'));
    return `data:${mime};base64,${base64}`;
  }
  if (Array.isArray(value)) return Promise.all(value.map(bytesToDataUris));
  if (value && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await bytesToDataUris(v)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}
