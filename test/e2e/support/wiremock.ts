import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './eventually';

/** A free loopback port (the OS picks it; there is a small window before WireMock binds it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A real WireMock server (the JAR from the `wiremock` npm package) on loopback, loaded with `mappings`. */
export class WireMock {
  private child: ChildProcess | null = null;
  private root = '';
  port = 0;

  constructor(private readonly mappings: object[]) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const dir = join(__dirname, '../../../node_modules/wiremock/build');
    const jar = readdirSync(dir).find((f) => /^wiremock-standalone-.*\.jar$/.test(f));
    if (!jar) throw new Error(`no WireMock JAR in ${dir}`);
    this.root = mkdtempSync(join(tmpdir(), 'runq-wiremock-'));
    mkdirSync(join(this.root, 'mappings'));
    this.mappings.forEach((m, i) => writeFileSync(join(this.root, 'mappings', `${i}.json`), JSON.stringify(m)));
    this.port = await freeLoopbackPort();
    this.child = spawn(
      'java',
      [
        '-Xmx256m',
        '-jar',
        join(dir, jar),
        '--port',
        String(this.port),
        '--bind-address',
        '127.0.0.1',
        '--root-dir',
        this.root,
        '--disable-banner',
      ],
      { stdio: 'ignore' },
    );
    const child = this.child;
    const state = await eventually(
      async () => {
        if (child.exitCode !== null) return 'exited';
        const res = await fetch(`${this.url}/__admin/mappings`, { signal: AbortSignal.timeout(1000) });
        if (!res.ok) throw new Error(`answered ${res.status}`);
        return 'up';
      },
      { timeoutMs: 60_000, intervalMs: 250, message: 'WireMock did not start within 60 s' },
    );
    if (state === 'exited') throw new Error(`WireMock exited with ${child.exitCode}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (this.root) rmSync(this.root, { recursive: true, force: true });
  }
}
