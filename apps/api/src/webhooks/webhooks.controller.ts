import { Controller, Get, Header } from '@nestjs/common';
import { ApiKeyRepository } from '#db';
import { CurrentCaller, type Caller } from '../auth/caller';

@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly keys: ApiKeyRepository) {}

  /** The secret that signs webhooks of the calling key's jobs, created on first request. */
  @Get('secret')
  @Header('Cache-Control', 'no-store')
  async secret(@CurrentCaller() caller: Caller): Promise<{ secret: string }> {
    return { secret: await this.keys.webhookSecret(caller.keyId) };
  }
}
