import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http, { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EgressProxy } from './egress-proxy';

let target: Server;
let port = 0;
let dir = '';
let proxy: EgressProxy;
beforeAll(async () => {
  target = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  port = (target.address() as AddressInfo).port;
  dir = mkdtempSync(join(tmpdir(), 'runq-egress-spec-'));
  proxy = new EgressProxy({
    socketDir: join(dir, 'w1'),
    allowPrivate: [`127.0.0.1:${port}`],
    timeoutMs: 1000,
    maxResponseBytes: 1000,
    maxRequestBytes: 1000,
    maxRequests: 2,
    maxRedirects: 2,
  });
  await proxy.start();
});
afterAll(async () => {
  await proxy.stop();
  expect(existsSync(join(dir, 'w1'))).toBe(false);
  await new Promise((resolve) => target.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** What a harness does: POST the request as JSON over the unix socket, with the job's token. */
function call(token: string | null, request: object): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        socketPath: proxy.socketPath,
        method: 'POST',
        path: '/v1/request',
        headers: { 'content-type': 'application/json', ...(token ? { 'x-runq-egress-token': token } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(request));
  });
}

describe('EgressProxy', () => {
  it('serves a socket any sandbox user can connect to, in a directory only the worker writes', () => {
    expect(statSync(proxy.socketPath).mode & 0o777).toBe(0o666);
    expect(statSync(join(dir, 'w1')).mode & 0o777).toBe(0o755);
  });

  it('answers only live tokens, within the job allow-list and request count, and logs each request', async () => {
    const url = `http://127.0.0.1:${port}/x`;
    expect(await call(null, { url })).toEqual({ status: 403, body: { error: 'this sandbox has no network access' } });
    expect((await call('nope', { url })).status).toBe(403);

    const session = proxy.open(['127.0.0.1']);
    const first = await call(session.token, { url, method: 'GET' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 200, headers: { 'content-type': 'application/json' } });
    expect(Buffer.from(first.body.body, 'base64').toString()).toBe('{"ok":true}');
    expect((await call(session.token, { url: 'http://other.example/' })).body.error).toMatch(/not in this job's network\.allow/);
    expect((await call(session.token, { url })).body.error).toMatch(/at most 2 requests/);
    expect((await call(session.token, { url, method: 'TRACE' })).body.error).toMatch(/TRACE is not supported/);

    const logs = session.close();
    expect(logs.map((l) => [l.level, l.message.replace(/\d+ ms/, 'N ms')])).toEqual([
      ['info', `[egress] GET ${url} → 200 (N ms)`],
      ['warn', "[egress] GET http://other.example/ refused: other.example:80 is not in this job's network.allow (127.0.0.1) (N ms)"],
      ['warn', `[egress] GET ${url} refused: more than 2 requests in one job`],
    ]);
    expect((await call(session.token, { url })).status).toBe(403);
  });
});
