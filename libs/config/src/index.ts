export * from './runq-config';
export * from './config.module';
export * from './graceful-shutdown';
export * from './log-levels';
export * from './transforms';
export * from './pools';
export * from './logging';
