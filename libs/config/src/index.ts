export * from './runq-config';
export * from './config.module';
