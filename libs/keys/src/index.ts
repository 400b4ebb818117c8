export * from './api-key.repository';
export * from './api-key.util';
export * from './keys.module';
