export * from './job.types';
export * from './queue.contract';
export * from './judging.types';
export * from './function.types';
export * from './artifact.types';
export * from './job-view.types';
export * from './dashboard-view.types';
export * from './domain-error';
