import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm, rmdir } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import type { FunctionLog } from '#contracts';
import { type AddressAllowance, type HostPattern, parseAddressAllowances, parseHostPatterns } from '#netpolicy';
import { EGRESS_SOCKET_NAME } from '../function/function-harness';
import { EgressFetcher, EgressRefusal, type EgressAnswer, type EgressRequest } from './egress-fetcher';

export interface EgressSettings {
  /** Host directory holding the socket; mounted read-only into sandboxes that may use the network. */
  socketDir: string;
  allowPrivate: string[];
  timeoutMs: number;
  maxResponseBytes: number;
  maxRequestBytes: number;
  maxRequests: number;
  maxRedirects: number;
}

/** One job's access: its token, what it may reach, and the record of what it did. */
export interface EgressSession {
  token: string;
  /** Ends the session and returns its request log. */
  close(): FunctionLog[];
}

/** What SandboxService needs from the egress proxy. */
export interface EgressGateway {
  readonly socketDir: string;
  readonly timeoutMs: number;
  open(allow: string[]): EgressSession;
  /** Isolate mode: a request relayed by the worker for the session with this token. */
  relay(
    token: string,
    request: { url: unknown; method?: unknown; headers?: unknown; body?: string | null },
  ): Promise<EgressAnswer | { error: string }>;
}

interface Session {
  allow: HostPattern[];
  requests: number;
  logs: FunctionLog[];
}

const MAX_LOG_ENTRIES = 200;

/**
 * The only way out of a sandbox: an HTTP server on a unix socket that the worker owns.
 * A harness sends it {url, method, headers, body} with its job's token; the proxy checks the
 * host against that job's allow-list, makes the request itself (see EgressFetcher) and
 * answers with the response as JSON. Unknown tokens get nothing.
 */
export class EgressProxy implements EgressGateway {
  private readonly sessions = new Map<string, Session>();
  private readonly fetcher: EgressFetcher;
  private server: http.Server | null = null;
  /** The directory was made for this proxy (not given by the operator already existing): removed at stop. */
  private madeDir = false;

  constructor(private readonly settings: EgressSettings) {
    const allowances: AddressAllowance[] = parseAddressAllowances(settings.allowPrivate);
    this.fetcher = new EgressFetcher({ ...settings, allowances });
  }

  get socketDir(): string {
    return this.settings.socketDir;
  }

  get timeoutMs(): number {
    return this.settings.timeoutMs;
  }

  get socketPath(): string {
    return join(this.settings.socketDir, EGRESS_SOCKET_NAME);
  }

  async start(): Promise<void> {
    this.madeDir = (await mkdir(this.settings.socketDir, { recursive: true, mode: 0o755 })) !== undefined;
    await chmod(this.settings.socketDir, 0o755);
    await rm(this.socketPath, { force: true });
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.headersTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.socketPath, () => resolve());
    });
    // Sandboxes run as another user: they must be able to connect (the token is the real check).
    await chmod(this.socketPath, 0o666);
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(this.socketPath, { force: true });
    if (this.madeDir) await rmdir(this.settings.socketDir).catch(() => undefined);
  }

  open(allow: string[]): EgressSession {
    const token = randomBytes(24).toString('hex');
    const session: Session = { allow: parseHostPatterns(allow), requests: 0, logs: [] };
    this.sessions.set(token, session);
    return {
      token,
      close: () => {
        this.sessions.delete(token);
        return session.logs;
      },
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const reply = (status: number, body: EgressAnswer | { error: string }) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const token = req.headers['x-runq-egress-token'];
    const session = typeof token === 'string' ? this.sessions.get(token) : undefined;
    if (req.method !== 'POST' || req.url !== '/v1/request') return reply(404, { error: 'unknown egress proxy route' });
    if (!session) return reply(403, { error: 'this sandbox has no network access' });
    let request: EgressRequest;
    try {
      request = parseRequest(await readBody(req, Math.ceil(this.settings.maxRequestBytes * 1.4) + 64 * 1024));
    } catch (error) {
      return reply(400, { error: (error as Error).message });
    }
    reply(200, await this.forward(session, request));
  }

  /**
   * A request from a sandbox host (isolate mode), which reaches the worker over its own
   * channel instead of this socket: the same session, allow-list, counters and log.
   */
  async relay(
    token: string,
    request: { url: unknown; method?: unknown; headers?: unknown; body?: string | null },
  ): Promise<EgressAnswer | { error: string }> {
    const session = this.sessions.get(token);
    if (!session) return { error: 'this sandbox has no network access' };
    let parsed: EgressRequest;
    try {
      const body = typeof request.body === 'string' ? Buffer.from(request.body).toString('base64') : null;
      parsed = parseRequest(Buffer.from(JSON.stringify({ ...request, body })));
    } catch (error) {
      return { error: (error as Error).message };
    }
    return this.forward(session, parsed);
  }

  private async forward(session: Session, request: EgressRequest): Promise<EgressAnswer | { error: string }> {
    const started = Date.now();
    const line = `${request.method} ${request.url}`;
    if (++session.requests > this.settings.maxRequests) {
      this.log(session, started, 'warn', `${line} refused: more than ${this.settings.maxRequests} requests in one job`);
      return { error: `${line} refused: a job may make at most ${this.settings.maxRequests} requests` };
    }
    try {
      const answer = await this.fetcher.fetch(request, session.allow);
      this.log(session, started, 'info', `${line} → ${answer.status} (${Date.now() - started} ms)`);
      return answer;
    } catch (error) {
      const message = error instanceof EgressRefusal ? `refused: ${error.message}` : `failed: ${(error as Error).message}`;
      this.log(session, started, 'warn', `${line} ${message} (${Date.now() - started} ms)`);
      return { error: `${line} ${message}` };
    }
  }

  private log(session: Session, started: number, level: FunctionLog['level'], message: string): void {
    if (session.logs.length < MAX_LOG_ENTRIES)
      session.logs.push({ ts: new Date(started).toISOString(), level, message: `[egress] ${message}` });
  }
}

function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new Error(`the request body is larger than ${maxBytes} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function parseRequest(raw: Buffer): EgressRequest {
  const value = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  if (!value || typeof value !== 'object') throw new Error('the request must be a JSON object');
  const { url, method, headers, body } = value;
  if (typeof url !== 'string' || url.length > 8192) throw new Error('url must be a string of at most 8192 characters');
  const verb = typeof method === 'string' ? method.toUpperCase() : 'GET';
  if (!METHODS.has(verb)) throw new Error(`method ${String(method)} is not supported`);
  const clean: Record<string, string> = {};
  if (headers && typeof headers === 'object') {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>)) if (typeof v === 'string') clean[k.toLowerCase()] = v;
  }
  if (body !== null && body !== undefined && typeof body !== 'string') throw new Error('body must be base64 text');
  return { url, method: verb, headers: clean, body: body ? Buffer.from(body, 'base64') : null };
}
