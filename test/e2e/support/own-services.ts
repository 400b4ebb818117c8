import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { eventually } from './eventually';

/**
 * Redis and PostgreSQL servers of one test file alone, on free loopback ports with data
 * under .runq/test/own/: a test may stop, wipe and restart them without disturbing the
 * services `npm test` prepared for the other suites.
 */

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');
const stateDir = join(root, '.runq', 'test', 'own');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export class OwnRedis {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(name: string): Promise<OwnRedis> {
    const dir = join(stateDir, `${name}-${process.pid}-redis`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const redis = new OwnRedis(await freePort(), dir);
    await redis.start();
    return redis;
  }

  /** Same settings as scripts/lib.sh: AOF on, `noeviction`. */
  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes'];
    args.push('--maxmemory-policy', 'noeviction', '--save', '', '--logfile', join(this.dir, 'redis.log'));
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    await eventually(() => this.ping(), { timeoutMs: 10_000, message: `redis on ${this.port} did not answer within 10000 ms` });
  }

  /** SIGTERM: Redis writes its AOF and exits, as in an orderly restart. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }

  /** Deletes the data of a stopped Redis: it comes back empty. */
  wipe(): void {
    for (const entry of readdirSync(this.dir)) if (entry !== 'redis.log') rmSync(join(this.dir, entry), { recursive: true, force: true });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async ping(): Promise<boolean> {
    const { stdout } = await run('redis-cli', ['-p', String(this.port), 'ping']);
    return stdout.trim() === 'PONG';
  }
}

export class OwnPostgres {
  private running = false;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly bin: string,
  ) {}

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/runq`;
  }

  /** A new cluster (trust on loopback: it lives for one test file), migrated with the project's migrations. */
  static async create(name: string): Promise<OwnPostgres> {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
    const bin = join('/usr/lib/postgresql', versions[versions.length - 1], 'bin');
    const dir = join(stateDir, `${name}-${process.pid}-postgres`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await run('chown', ['postgres', dir]);
    const pg = new OwnPostgres(await freePort(), dir, bin);
    await pg.asPostgres('initdb', ['-D', pg.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    await pg.start();
    const admin = new Client({ connectionString: pg.url.replace(/\/runq$/, '/postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE runq');
    await admin.end();
    await run(join(root, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: pg.url },
    });
    return pg;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off`;
    await this.asPostgres('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'postgres.log'), '-w', '-s', '-o', options, 'start']);
    this.running = true;
  }

  /** Fast shutdown: open connections are terminated, as in a restart or failover. */
  async stop(): Promise<void> {
    if (!this.running) return;
    await this.asPostgres('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', '-s', 'stop']);
    this.running = false;
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    if (existsSync(this.dir)) rmSync(this.dir, { recursive: true, force: true });
  }

  async query<T extends object = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  /**
   * Counts, from inside the database, every time a job becomes `completed`: an independent
   * check that no job completes twice, whatever the workers log.
   */
  async countCompletions(): Promise<void> {
    await this.query(`
      CREATE TABLE completions (job_id uuid NOT NULL, attempt int NOT NULL, at timestamptz NOT NULL DEFAULT now());
      CREATE FUNCTION count_completion() RETURNS trigger AS $$
      BEGIN INSERT INTO completions (job_id, attempt) VALUES (NEW.id, NEW.attempts); RETURN NEW; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER count_completion AFTER UPDATE OF status ON jobs
        FOR EACH ROW WHEN (NEW.status = 'completed' AND OLD.status IS DISTINCT FROM 'completed') EXECUTE FUNCTION count_completion();`);
  }

  async completions(ids: string[]): Promise<Map<string, number>> {
    const rows = await this.query<{ job_id: string; n: string }>(
      'SELECT job_id, count(*) AS n FROM completions WHERE job_id = ANY($1::uuid[]) GROUP BY job_id',
      [ids],
    );
    return new Map(ids.map((id) => [id, Number(rows.find((r) => r.job_id === id)?.n ?? 0)]));
  }

  private async asPostgres(tool: string, args: string[]): Promise<void> {
    await run('runuser', ['-u', 'postgres', '--', join(this.bin, tool), ...args]);
  }
}
