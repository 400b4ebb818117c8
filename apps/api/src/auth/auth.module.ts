import { Global, Module } from '@nestjs/common';
import { ApiKeyService } from './api-key.service';
import { RequestAuthenticator } from './request-authenticator';
import { SessionStore } from './session.store';

/** Who is calling: API keys and dashboard sessions, for the global guard and for plain Express middleware. */
@Global()
@Module({
  providers: [ApiKeyService, SessionStore, RequestAuthenticator],
  exports: [ApiKeyService, SessionStore, RequestAuthenticator],
})
export class AuthModule {}
