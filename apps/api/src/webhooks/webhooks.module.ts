import { Module } from '@nestjs/common';
import { WebhooksController } from './webhooks.controller';

/** Webhook settings of the calling key; ApiKeyRepository comes from the global DbModule. */
@Module({ controllers: [WebhooksController] })
export class WebhooksModule {}
