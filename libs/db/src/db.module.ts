import { Global, Module } from '@nestjs/common';
import { ApiKeyRepository } from './api-key.repository';
import { JobRepository } from './job.repository';
import { PrismaService } from './prisma.service';

@Global()
@Module({
  providers: [PrismaService, JobRepository, ApiKeyRepository],
  exports: [PrismaService, JobRepository, ApiKeyRepository],
})
export class DbModule {}
