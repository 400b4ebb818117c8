import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

/** A Prisma client for scripts that run outside Nest (the keys CLI, tests). */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
}
