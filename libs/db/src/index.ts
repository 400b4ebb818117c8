export * from './prisma.service';
export * from './job.repository';
export * from './api-key.repository';
export * from './db.module';
export { Prisma } from './generated/client';
export type { JobStatus, ApiKeyRole } from './generated/client';
export * from './api-key.util';
export * from './prisma-client.factory';
export * from './job.presenter';
