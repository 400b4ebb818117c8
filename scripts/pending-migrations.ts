/**
 * Exits 0 when every migration in prisma/migrations is applied, 1 otherwise. Lets set-up
 * skip `prisma migrate deploy`, whose Wasm engine needs ~10 s even when there is nothing to do.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

async function main(): Promise<number> {
  const dir = join(__dirname, '..', '..', 'prisma', 'migrations');
  const wanted = readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
  const client = new Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return wanted.every((name) => applied.has(name)) ? 0 : 1;
  } catch {
    return 1; // no migrations table yet
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  () => process.exit(1),
);
