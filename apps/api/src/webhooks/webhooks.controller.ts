import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyed } from '../openapi/common-responses';
import { ApiKeyRepository } from '#keys';
import { CurrentCaller, type Caller } from '../auth/caller';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly keys: ApiKeyRepository) {}

  /** The secret that signs webhooks of the calling key's jobs, created on first request. */
  @Get('secret')
  @ApiOperation({ summary: "The signing secret of the caller's key for webhooks" })
  @ApiKeyed()
  @ApiOkResponse({
    schema: { type: 'object', required: ['secret'], properties: { secret: { type: 'string' } } },
    example: { secret: 'whsec_3q2+7w…' },
  })
  @Header('Cache-Control', 'no-store')
  async secret(@CurrentCaller() caller: Caller): Promise<{ secret: string }> {
    return { secret: await this.keys.webhookSecret(caller.keyId) };
  }
}
