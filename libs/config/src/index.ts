export * from './runq-config';
export * from './config.module';
export * from './graceful-shutdown';
