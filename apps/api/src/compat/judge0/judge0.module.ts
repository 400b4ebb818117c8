import { Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ExecutionQueues, PoolBacklogReader, REDIS } from '#messaging';
import { JobsModule } from '../../jobs/jobs.module';
import { LanguagesModule } from '../../languages/languages.module';
import { Judge0Catalog } from './judge0-catalog.service';
import { Judge0InfoController } from './judge0-info.controller';
import { Judge0InfoService } from './judge0-info.service';
import { Judge0SubmissionsController } from './judge0-submissions.controller';
import { Judge0SubmissionsRepository } from './judge0-submissions.repository';
import { Judge0SubmissionsService } from './judge0-submissions.service';

/** The Judge0 CE 1.13.1 compatible API at /judge0: an adapter over runq's one job path. */
@Module({
  imports: [JobsModule, LanguagesModule],
  controllers: [Judge0SubmissionsController, Judge0InfoController],
  providers: [
    Judge0SubmissionsService,
    Judge0SubmissionsRepository,
    Judge0Catalog,
    Judge0InfoService,
    {
      provide: PoolBacklogReader,
      inject: [ExecutionQueues, REDIS],
      useFactory: (queues: ExecutionQueues, redis: Redis) => new PoolBacklogReader(queues, redis),
    },
  ],
})
export class Judge0Module {}
