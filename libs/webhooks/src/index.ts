export * from './callback-queue';
export * from './webhooks-producer.module';
export * from './callback-target';
export * from './webhook-signature';
export * from './webhook-client';
