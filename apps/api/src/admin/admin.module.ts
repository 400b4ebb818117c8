import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EXECUTIONS_QUEUE } from '#contracts';
import { QueueBacklogReader, REDIS } from '#messaging';
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
  imports: [BullModule.registerQueue({ name: EXECUTIONS_QUEUE }), JobsModule, LanguagesModule],
  controllers: [SessionController, AdminController],
  providers: [
    {
      provide: QueueBacklogReader,
      inject: [getQueueToken(EXECUTIONS_QUEUE), REDIS],
      useFactory: (queue: Queue, redis: Redis) => new QueueBacklogReader(queue, redis),
    },
    OverviewService,
    JobStatsRepository,
    JobStatsService,
    AdminJobsRepository,
    AdminJobsService,
  ],
})
export class AdminModule {}
