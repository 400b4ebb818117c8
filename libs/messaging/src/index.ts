export * from './redis-options';
export * from './redis.tokens';
export * from './job-events';
export * from './worker-registry';
export * from './messaging.module';
export * from './queue-backlog';
export * from './execution-job-options';
