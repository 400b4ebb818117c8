import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressRefusal, type AddressAllowance, formatPattern, hostOf, patternMatches, type HostPattern } from '#netpolicy';

export interface EgressRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

export interface EgressAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** base64 */
  body: string;
  /** The final URL, after redirects. */
  url: string;
  redirected: boolean;
}

/** The request breaks the job's or the operator's policy (as opposed to failing on the way). */
export class EgressRefusal extends Error {}

export interface FetcherSettings {
  allowances: AddressAllowance[];
  timeoutMs: number;
  maxResponseBytes: number;
  maxRequestBytes: number;
  maxRedirects: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers the proxy sets itself or that describe the hop to the proxy, not the request. */
const DROPPED_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
]);

/**
 * Makes one function's HTTP request: the host must match the job's allow-list, every
 * address it resolves to must be public (or allowed by the operator), the socket connects
 * to the address that was checked, and every redirect hop is checked the same way. The
 * whole exchange has one deadline and the response a size cap.
 */
export class EgressFetcher {
  constructor(private readonly settings: FetcherSettings) {}

  async fetch(request: EgressRequest, allow: HostPattern[]): Promise<EgressAnswer> {
    if (request.body && request.body.length > this.settings.maxRequestBytes)
      throw new EgressRefusal(`the request body is larger than ${this.settings.maxRequestBytes} bytes`);
    const deadline = AbortSignal.timeout(this.settings.timeoutMs);
    let url = parseUrl(request.url);
    let { method, body } = request;
    for (let hop = 0; ; hop++) {
      const address = await this.check(url, allow);
      const response = await this.exchange(url, address, { ...request, method, body }, deadline);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.status) || !location) {
        return { ...response, url: url.toString(), redirected: hop > 0 };
      }
      if (hop >= this.settings.maxRedirects) throw new EgressRefusal(`more than ${this.settings.maxRedirects} redirects`);
      url = parseUrl(new URL(location, url).toString());
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = null;
      }
    }
  }

  /** The address to connect to, after the host and all its addresses passed the policy. */
  private async check(url: URL, allow: HostPattern[]): Promise<{ address: string; family: number }> {
    const host = hostOf(url).toLowerCase();
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    if (!allow.some((pattern) => patternMatches(pattern, host, port))) {
      const list = allow.map(formatPattern).join(', ') || 'nothing';
      throw new EgressRefusal(`${host}:${port} is not in this job's network.allow (${list})`);
    }
    let addresses: { address: string; family: number }[];
    if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
    else {
      try {
        addresses = await lookup(host, { all: true, verbatim: true });
      } catch (error) {
        throw new Error(`cannot resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
      }
    }
    if (!addresses.length) throw new Error(`cannot resolve ${host}`);
    for (const { address } of addresses) {
      const refusal = addressRefusal(address, port, this.settings.allowances);
      if (refusal) throw new EgressRefusal(host === address ? refusal : `${host} resolves to ${refusal}`);
    }
    return addresses[0];
  }

  private exchange(
    url: URL,
    target: { address: string; family: number },
    request: EgressRequest,
    signal: AbortSignal,
  ): Promise<Omit<EgressAnswer, 'url' | 'redirected'>> {
    const headers: Record<string, string> = { 'user-agent': 'runq-function', accept: '*/*' };
    for (const [key, value] of Object.entries(request.headers)) {
      if (!DROPPED_HEADERS.has(key) && !key.startsWith('proxy-')) headers[key] = value;
    }
    if (request.body) headers['content-length'] = String(request.body.length);
    // Connect to the checked address, whatever DNS says now; TLS still verifies the host name.
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as (e: null, a: object[]) => void)(null, [target]);
      else callback(null, target.address, target.family);
    };
    const transport = url.protocol === 'https:' ? https : http;
    const maxBytes = this.settings.maxResponseBytes;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method: request.method, headers, lookup: pinned, signal, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            res.destroy();
            reject(new EgressRefusal(`the response is larger than ${maxBytes} bytes`));
          } else chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: flattenHeaders(res.headers),
            body: Buffer.concat(chunks).toString('base64'),
          }),
        );
        res.on('error', (error) => reject(describe(error, signal, this.settings.timeoutMs)));
      });
      req.on('error', (error) => reject(describe(error, signal, this.settings.timeoutMs)));
      req.end(request.body ?? undefined);
    });
  }
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EgressRefusal(`"${text.slice(0, 200)}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new EgressRefusal(`only http and https URLs are allowed, not ${url.protocol}`);
  if (url.username || url.password)
    throw new EgressRefusal('URLs with a user name or password are not allowed; send an Authorization header');
  return url;
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function describe(error: Error, signal: AbortSignal, timeoutMs: number): Error {
  if (signal.aborted) return new Error(`timed out after ${timeoutMs} ms`);
  return error;
}
