export * from './prisma.service';
export * from './db.module';
export { Prisma } from './generated/client';
export type { Job as JobRecord, ApiKey as ApiKeyRecord, JobStatus, ApiKeyRole } from './generated/client';
export * from './prisma-client.factory';
export * from './db-availability';
