import { createServer, type Server } from 'node:net';
import { Registry } from 'prom-client';
import { MetricsServer, PORT_SPAN } from './metrics-server';

const occupy = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('MetricsServer', () => {
  const servers: MetricsServer[] = [];
  const blockers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await Promise.all(blockers.splice(0).map(close));
  });

  it('serves GET /metrics from its registry and 404 elsewhere, on a system-chosen port with 0', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({});
    const server = new MetricsServer(registry);
    servers.push(server);
    const port = await server.listen('127.0.0.1', 0);
    expect(port).toBeGreaterThan(0);
    const ok = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it('moves on to the next free port when its port is taken, so workers on one host do not clash', async () => {
    const first = await occupy(0);
    blockers.push(first);
    const base = (first.address() as { port: number }).port;
    const a = new MetricsServer(new Registry());
    const b = new MetricsServer(new Registry());
    servers.push(a, b);
    const portA = await a.listen('127.0.0.1', base);
    const portB = await b.listen('127.0.0.1', base);
    expect(portA).toBeGreaterThan(base);
    expect(portB).toBeGreaterThan(portA);
    expect(portB).toBeLessThan(base + PORT_SPAN);
  });

  it('gives up after PORT_SPAN ports', async () => {
    const first = await occupy(0);
    blockers.push(first);
    const base = (first.address() as { port: number }).port;
    for (let port = base + 1; port < base + PORT_SPAN; port++) blockers.push(await occupy(port).catch(() => first));
    const server = new MetricsServer(new Registry());
    servers.push(server);
    await expect(server.listen('127.0.0.1', base)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
