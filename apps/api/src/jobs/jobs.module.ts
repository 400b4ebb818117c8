import { Module } from '@nestjs/common';
import { LanguagesModule } from '../languages/languages.module';
import { IdempotencyStore } from './idempotency.store';
import { IdempotentBatchService } from './idempotent-batch.service';
import { JobIntake } from './job-intake';
import { JobQueryService } from './job-query.service';
import { JobRequestFactory } from './job-request.factory';
import { JobSubmissionService } from './job-submission.service';
import { JobWaiter } from './job-waiter';
import { QueueAdmission } from './queue-admission';
import { JobArtifactsController } from './job-artifacts.controller';
import { JobsController } from './jobs.controller';

@Module({
  imports: [LanguagesModule],
  controllers: [JobsController, JobArtifactsController],
  providers: [
    JobSubmissionService,
    IdempotentBatchService,
    JobQueryService,
    JobRequestFactory,
    JobIntake,
    JobWaiter,
    IdempotencyStore,
    QueueAdmission,
  ],
  exports: [JobSubmissionService, JobQueryService],
})
export class JobsModule {}
