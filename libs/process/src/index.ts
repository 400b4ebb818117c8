export * from './logging';
export * from './graceful-shutdown';
