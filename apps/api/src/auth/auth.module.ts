import { Global, Module } from '@nestjs/common';
import { ApiKeyService } from './api-key.service';

/** Key resolution for the global guard, and for key administration that must drop cached entries. */
@Global()
@Module({ providers: [ApiKeyService], exports: [ApiKeyService] })
export class AuthModule {}
