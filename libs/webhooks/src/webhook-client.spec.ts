import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { WebhookClient, WebhookDeliveryError } from './webhook-client';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const LOOPBACK = ['127.0.0.0/8'];
let server: Server;
let port: number;
let handler: Handler;
let received: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received = [];
  handler = (_req, res) => res.writeHead(204).end();
});

const client = (allowedNetworks = LOOPBACK, timeoutMs = 2000) =>
  new WebhookClient({ webhooks: { attempts: 1, timeoutMs, allowedNetworks } });
const request = (path = '/hook') => ({
  url: `http://127.0.0.1:${port}${path}`,
  body: '{"id":"j1","stdout":"é"}',
  headers: { 'Content-Type': 'application/json', 'X-Runq-Job-Id': 'j1' },
});

async function failure(promise: Promise<unknown>): Promise<WebhookDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookDeliveryError);
  return error as WebhookDeliveryError;
}

describe('WebhookClient', () => {
  it('POSTs the body and headers and resolves with a 2xx status', async () => {
    handler = (_req, res) => res.writeHead(200).end('thanks');
    await expect(client().send(request())).resolves.toBe(200);
    expect(received).toHaveLength(1);
    const [hit] = received;
    expect(hit).toMatchObject({ method: 'POST', url: '/hook', body: '{"id":"j1","stdout":"é"}' });
    expect(hit.headers).toMatchObject({ 'content-type': 'application/json', 'x-runq-job-id': 'j1' });
    expect(hit.headers['content-length']).toBe(String(Buffer.byteLength(hit.body)));
  });

  it('treats 503, 429 and 408 as retryable', async () => {
    for (const status of [503, 500, 429, 408]) {
      handler = (_req, res) => res.writeHead(status).end();
      const error = await failure(client().send(request()));
      expect(error).toMatchObject({ retryable: true, status, message: `receiver answered ${status}` });
    }
  });

  it('treats 404 and other 4xx as permanent', async () => {
    for (const status of [404, 400, 401, 410]) {
      handler = (_req, res) => res.writeHead(status).end();
      expect(await failure(client().send(request()))).toMatchObject({ retryable: false, status });
    }
  });

  it('never follows a redirect', async () => {
    handler = (req, res) => (req.url === '/hook' ? res.writeHead(302, { Location: '/elsewhere' }).end() : res.writeHead(200).end());
    const error = await failure(client().send(request()));
    expect(error).toMatchObject({ retryable: false, status: 302 });
    expect(error.message).toMatch(/redirect to \/elsewhere.*not followed/);
    expect(received.map((r) => r.url)).toEqual(['/hook']);
  });

  it('gives up after the timeout, retryably', async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    const error = await failure(client(LOOPBACK, 300).send(request()));
    expect(error).toMatchObject({ retryable: true, status: null, message: 'no response within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(client().send({ ...request(), url: `http://127.0.0.1:${freePort}/hook` }));
    expect(error).toMatchObject({ retryable: true, status: null });
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('refuses 127.0.0.1 without an allowance, before connecting', async () => {
    const error = await failure(client([]).send(request()));
    expect(error).toMatchObject({ retryable: false, status: null });
    expect(error.message).toMatch(/127\.0\.0\.1 is in a loopback range/);
    expect(received).toHaveLength(0);
  });

  it('checks what a hostname resolves to, and connects to the checked address', async () => {
    class FakeDns extends WebhookClient {
      constructor(
        allowed: string[],
        private readonly answer: LookupAddress[],
      ) {
        super({ webhooks: { attempts: 1, timeoutMs: 2000, allowedNetworks: allowed } });
      }
      protected override resolve(): Promise<LookupAddress[]> {
        return Promise.resolve(this.answer);
      }
    }
    const viaName = { ...request(), url: `http://hooks.test:${port}/hook` };

    await expect(new FakeDns(LOOPBACK, [{ address: '127.0.0.1', family: 4 }]).send(viaName)).resolves.toBe(204);
    expect(received[0].headers.host).toBe(`hooks.test:${port}`);

    // One bad address spoils the answer, even when another is fine.
    const mixed = new FakeDns(LOOPBACK, [
      { address: '127.0.0.1', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ]);
    expect(await failure(mixed.send(viaName))).toMatchObject({
      retryable: false,
      message: expect.stringMatching(/10\.0\.0\.1 is in a private range/),
    });
    const metadata = new FakeDns(LOOPBACK, [{ address: '169.254.169.254', family: 4 }]);
    expect(await failure(metadata.send(viaName))).toMatchObject({ retryable: false, message: expect.stringMatching(/link-local/) });
    expect(received).toHaveLength(1);
  });

  it('reports a failed DNS lookup as a retryable network error', async () => {
    class NoDns extends WebhookClient {
      protected override resolve(): Promise<LookupAddress[]> {
        return Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND hooks.test'), { code: 'ENOTFOUND' }));
      }
    }
    const error = await failure(
      new NoDns({ webhooks: { attempts: 1, timeoutMs: 2000, allowedNetworks: [] } }).send({ ...request(), url: 'http://hooks.test/hook' }),
    );
    expect(error).toMatchObject({ retryable: true, status: null, message: 'request failed: getaddrinfo ENOTFOUND hooks.test' });
  });

  it('refuses a URL that is not http(s)', async () => {
    expect(await failure(client().send({ ...request(), url: 'ftp://127.0.0.1/x' }))).toMatchObject({ retryable: false });
    expect(await failure(client().send({ ...request(), url: 'nonsense' }))).toMatchObject({ retryable: false });
  });
});
