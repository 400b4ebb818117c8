import { Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ExecutionQueues, PoolBacklogReader, REDIS } from '#messaging';
import { JobsModule } from '../jobs/jobs.module';
import { LanguagesModule } from '../languages/languages.module';
import { AdminJobsRepository } from './admin-jobs.repository';
import { AdminJobsService } from './admin-jobs.service';
import { AdminController } from './admin.controller';
import { JobStatsRepository } from './job-stats.repository';
import { JobStatsService } from './job-stats.service';
import { OverviewService } from './overview.service';
import { SessionController } from './session.controller';

/** The admin dashboard's JSON API (/admin/api/...) and its login. */
@Module({
  imports: [JobsModule, LanguagesModule],
  controllers: [SessionController, AdminController],
  providers: [
    {
      provide: PoolBacklogReader,
      inject: [ExecutionQueues, REDIS],
      useFactory: (queues: ExecutionQueues, redis: Redis) => new PoolBacklogReader(queues, redis),
    },
    OverviewService,
    JobStatsRepository,
    JobStatsService,
    AdminJobsRepository,
    AdminJobsService,
  ],
})
export class AdminModule {}
