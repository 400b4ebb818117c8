import { isIP } from 'node:net';
import { splitHostPort } from './host-port';

/** "host", "*.example.com", "*" (any host), each optionally with ":port" (else any port). */
export interface HostPattern {
  /** Lower-case host, or the suffix after "*." for a wildcard; "" for "*". */
  host: string;
  kind: 'exact' | 'subdomains' | 'any';
  port: number | null;
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Parses a host pattern; returns a message saying what is wrong instead when it is not one. */
export function parseHostPattern(text: string): HostPattern | string {
  const { host: rest, port, bracketed } = splitHostPort(text.trim().toLowerCase());
  if (bracketed && isIP(rest) !== 6) return `"${text}" is not a host pattern`;
  if (port !== null && (!Number.isInteger(port) || port < 1 || port > 65535)) return `"${text}" has a port outside 1-65535`;
  if (rest === '*') return { host: '', kind: 'any', port };
  if (rest.startsWith('*.')) {
    const suffix = rest.slice(2);
    if (!HOST_NAME.test(suffix) || isIP(suffix)) return `"${text}" is not a host pattern (a wildcard needs a domain, e.g. *.example.com)`;
    return { host: suffix, kind: 'subdomains', port };
  }
  if (isIP(rest) || HOST_NAME.test(rest)) return { host: rest, kind: 'exact', port };
  return `"${text}" is not a host pattern (use host, *.domain or host:port)`;
}

export function parseHostPatterns(list: string[]): HostPattern[] {
  return list.map((entry) => {
    const parsed = parseHostPattern(entry);
    if (typeof parsed === 'string') throw new Error(parsed);
    return parsed;
  });
}

/** Does `pattern` let a request go to host:port? `host` is lower-case, without IPv6 brackets. */
export function patternMatches(pattern: HostPattern, host: string, port: number): boolean {
  if (pattern.port !== null && pattern.port !== port) return false;
  const name = host.toLowerCase().replace(/\.$/, '');
  if (pattern.kind === 'any') return true;
  if (pattern.kind === 'subdomains') return name.endsWith(`.${pattern.host}`);
  return name === pattern.host;
}

/** Is everything `inner` allows also allowed by `outer`? (A job's pattern inside the server's policy.) */
export function patternWithin(inner: HostPattern, outer: HostPattern): boolean {
  if (outer.port !== null && inner.port !== outer.port) return false;
  if (outer.kind === 'any') return true;
  if (inner.kind === 'any') return false;
  if (outer.kind === 'exact') return inner.kind === 'exact' && inner.host === outer.host;
  return inner.host.endsWith(`.${outer.host}`) || (inner.kind === 'subdomains' && inner.host === outer.host);
}

export function formatPattern(pattern: HostPattern): string {
  const host = pattern.kind === 'any' ? '*' : pattern.kind === 'subdomains' ? `*.${pattern.host}` : pattern.host;
  const shown = isIP(host) === 6 ? `[${host}]` : host;
  return pattern.port === null ? shown : `${shown}:${pattern.port}`;
}
