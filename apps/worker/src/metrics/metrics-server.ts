import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** A fixed port that is taken moves on to the next ones: several workers on one host each find their own. */
export const PORT_SPAN = 16;

/**
 * The worker's internal HTTP listener: GET /metrics and nothing else. Binds to loopback
 * unless told otherwise; it carries no credentials and serves no job data.
 */
export class MetricsServer {
  private server: Server | null = null;

  constructor(private readonly registry: Registry) {}

  /** Listens on `port` (0: any free port) or, when it is in use, on the next free one of PORT_SPAN; returns the port. */
  async listen(host: string, port: number): Promise<number> {
    const last = port === 0 ? 0 : Math.min(port + PORT_SPAN - 1, 65535);
    for (let candidate = port; ; candidate++) {
      try {
        return await this.listenOn(host, candidate);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || candidate >= last) throw error;
      }
    }
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private listenOn(host: string, port: number): Promise<number> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: GET /metrics\n');
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': this.registry.contentType, 'Cache-Control': 'no-store' }).end(text),
        (error: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`metrics unavailable: ${error.message}\n`),
      );
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        this.server = server;
        resolve((server.address() as AddressInfo).port);
      });
    });
  }
}
