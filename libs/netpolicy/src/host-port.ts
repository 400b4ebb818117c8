/**
 * Splits "host:port", "[ipv6]:port", "[ipv6]" or a bare host; a bare IPv6 address has no port
 * (its colons are not one), and `bracketed` tells the caller the host came in brackets.
 */
export function splitHostPort(text: string): { host: string; port: number | null; bracketed: boolean } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] !== undefined ? Number(bracketed[2]) : null, bracketed: true };
  if (/^[^:]+:\d+$/.test(text)) {
    const at = text.lastIndexOf(':');
    return { host: text.slice(0, at), port: Number(text.slice(at + 1)), bracketed: false };
  }
  return { host: text, port: null, bracketed: false };
}

/** The URL's host without IPv6 brackets (URL keeps them in `hostname`). */
export function hostOf(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
