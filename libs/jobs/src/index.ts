export * from './job';
export * from './job-record.mapper';
export * from './job.repository';
export * from './job.presenter';
export * from './job-finisher';
export * from './jobs.module';
