export * from './job.types';
export * from './queue.contract';
