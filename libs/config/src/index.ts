export * from './runq-config';
export * from './config.module';
export * from './transforms';
export * from './pools';
