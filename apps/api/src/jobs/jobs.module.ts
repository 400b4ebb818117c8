import { Module } from '@nestjs/common';
import { LanguagesModule } from '../languages/languages.module';
import { IdempotencyStore } from './idempotency.store';
import { JobQueue } from './job-queue';
import { JobRequestFactory } from './job-request.factory';
import { JobWaiter } from './job-waiter';
import { QueueAdmission } from './queue-admission';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

@Module({
  imports: [LanguagesModule],
  controllers: [JobsController],
  providers: [JobsService, JobRequestFactory, JobQueue, JobWaiter, IdempotencyStore, QueueAdmission],
  exports: [JobsService],
})
export class JobsModule {}
