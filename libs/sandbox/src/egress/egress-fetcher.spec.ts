import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAddressAllowances, parseHostPatterns } from '#netpolicy';
import { EgressFetcher, EgressRefusal } from './egress-fetcher';

/** A loopback server the operator allowance lets through; everything else on loopback stays refused. */
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/json') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}');
    if (req.url === '/big') return void res.end(Buffer.alloc(5000));
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
    if (req.url === '/to-metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    if (req.url === '/to-json') return void res.writeHead(303, { location: '/json' }).end();
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => res.writeHead(201, { 'x-method': req.method ?? '' }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const fetcher = () =>
  new EgressFetcher({
    allowances: parseAddressAllowances([`127.0.0.1:${port}`]),
    timeoutMs: 500,
    maxResponseBytes: 1000,
    maxRequestBytes: 100,
    maxRedirects: 2,
  });
const allow = () => parseHostPatterns(['127.0.0.1', '169.254.169.254']);
const get = (path: string, extra: object = {}) =>
  fetcher().fetch({ url: `http://127.0.0.1:${port}${path}`, method: 'GET', headers: {}, body: null, ...extra }, allow());

describe('EgressFetcher', () => {
  it('makes an allowed request and follows a checked redirect', async () => {
    const answer = await get('/json');
    expect(answer).toMatchObject({ status: 200, headers: { 'content-type': 'application/json' }, redirected: false });
    expect(Buffer.from(answer.body, 'base64').toString()).toBe('{"a":1}');
    const redirected = await get('/to-json', { method: 'POST', body: Buffer.from('x') });
    expect(redirected).toMatchObject({ status: 200, redirected: true, url: `http://127.0.0.1:${port}/json` });
    const posted = await get('/echo', { method: 'PUT', body: Buffer.from('hello') });
    expect(posted).toMatchObject({ status: 201, headers: { 'x-method': 'PUT' } });
    expect(Buffer.from(posted.body, 'base64').toString()).toBe('hello');
  });

  it('refuses hosts outside the allow-list, other loopback ports, and redirects to link-local', async () => {
    await expect(fetcher().fetch({ url: 'http://example.org/', method: 'GET', headers: {}, body: null }, allow())).rejects.toThrow(
      /example\.org:80 is not in this job's network\.allow/,
    );
    await expect(
      fetcher().fetch({ url: `http://127.0.0.1:${port + 1}/`, method: 'GET', headers: {}, body: null }, allow()),
    ).rejects.toThrow(/127\.0\.0\.1 is a loopback address/);
    await expect(get('/to-metadata')).rejects.toThrow(new EgressRefusal('169.254.169.254 is a link-local address'));
    await expect(fetcher().fetch({ url: 'file:///etc/passwd', method: 'GET', headers: {}, body: null }, allow())).rejects.toThrow(
      /only http and https/,
    );
  });

  it('enforces the response cap, the request cap and the deadline', async () => {
    await expect(get('/big')).rejects.toThrow(/larger than 1000 bytes/);
    await expect(get('/echo', { method: 'POST', body: Buffer.alloc(101) })).rejects.toThrow(/request body is larger than 100 bytes/);
    await expect(get('/slow')).rejects.toThrow(/timed out after 500 ms/);
  });
});
