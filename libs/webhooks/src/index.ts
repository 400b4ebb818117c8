export * from './callback-target';
export * from './webhook-signature';
export * from './webhook-client';
