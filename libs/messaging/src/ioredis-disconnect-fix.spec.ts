import { Redis } from 'ioredis';
import { createServer } from 'node:net';
import { finishDisconnectWhileReconnecting } from './ioredis-disconnect-fix';

/** A loopback port with nothing listening: every connection attempt is refused. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('finishDisconnectWhileReconnecting', () => {
  it('lets a client that waits to reconnect end when it is disconnected', async () => {
    finishDisconnectWhileReconnecting();
    const client = new Redis({ host: '127.0.0.1', port: await closedPort(), retryStrategy: () => 60_000, maxRetriesPerRequest: null });
    client.on('error', () => undefined);
    await new Promise<void>((resolve) => client.once('reconnecting', () => resolve()));
    expect(client.status).toBe('reconnecting');
    const pending = client.get('k'); // queued while offline
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    client.disconnect();
    await ended;
    expect(client.status).toBe('end');
    await expect(pending).rejects.toThrow(/Connection is closed/);
  });

  it('leaves a normal disconnect alone', async () => {
    finishDisconnectWhileReconnecting();
    const client = new Redis({ host: '127.0.0.1', port: await closedPort(), lazyConnect: true });
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    client.disconnect();
    await ended;
    expect(client.status).toBe('end');
  });
});
