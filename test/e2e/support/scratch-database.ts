import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

const migrations = join(__dirname, '..', '..', '..', 'prisma', 'migrations');

/**
 * A database of its own on the server `npm test` prepared (DATABASE_URL), with the
 * project's migrations applied: a test may count and lock freely without touching the
 * rows of suites that share the test database. Dropped again by `drop()`.
 */
export class ScratchDatabase {
  private constructor(
    private readonly name: string,
    readonly url: string,
    private readonly serverUrl: string,
  ) {}

  static async create(label: string): Promise<ScratchDatabase> {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new Error('DATABASE_URL is not set (npm test prepares it)');
    const name = `runq_${label}_${randomBytes(6).toString('hex')}`;
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const db = new ScratchDatabase(name, url.toString(), serverUrl);
    await db.onServer(`CREATE DATABASE ${name}`);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const applied = readdirSync(migrations, { withFileTypes: true }).filter((entry) => entry.isDirectory());
      for (const dir of applied.map((entry) => entry.name).sort())
        await client.query(readFileSync(join(migrations, dir, 'migration.sql'), 'utf8'));
    } finally {
      await client.end();
    }
    return db;
  }

  /** Runs SQL in the scratch database on a connection of its own. */
  async query<T extends object = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** FORCE: a connection a failed test left open must not keep the database alive. */
  async drop(): Promise<void> {
    await this.onServer(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }

  private async onServer(sql: string): Promise<void> {
    const client = new Client({ connectionString: this.serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}
