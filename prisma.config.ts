import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type QueryResult } from 'pg';
import { defineConfig } from 'prisma/config';

/**
 * The Prisma CLI runs on the JavaScript schema engine (no native binary download).
 * Migrating through adapter-pg fails on columns of Postgres type `name` (OID 19)
 * with "Column type 'name' could not be deserialized" (prisma/orm#27403); reporting
 * them as `text` (OID 25) avoids it. Only the CLI uses this pool.
 */
class NameAsTextPool extends Pool {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    const fix = (res: QueryResult) => {
      for (const field of res?.fields ?? []) if (field.dataTypeID === 19) field.dataTypeID = 25;
      return res;
    };
    if (result && typeof (result as Promise<QueryResult>).then === 'function') {
      return (result as Promise<QueryResult>).then(fix) as never;
    }
    return result as never;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error('DATABASE_URL is not set');
    return new PrismaPg(new NameAsTextPool({ connectionString }) as never);
  },
});
