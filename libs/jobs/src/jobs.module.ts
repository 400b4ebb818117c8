import { Global, Module } from '@nestjs/common';
import { CallbackQueueModule } from '#messaging';
import { JobFinisher } from './job-finisher';
import { JobRepository } from './job.repository';

/** The jobs table and the "finished" announcement, for the API and the worker alike. */
@Global()
@Module({
  imports: [CallbackQueueModule],
  providers: [JobRepository, JobFinisher],
  exports: [JobRepository, JobFinisher],
})
export class JobsModule {}
