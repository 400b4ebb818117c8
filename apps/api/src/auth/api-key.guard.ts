import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from './caller';
import { IS_ADMIN_ONLY } from './admin-only.decorator';
import { IS_PUBLIC } from './public.decorator';
import { RequestAuthenticator } from './request-authenticator';

/**
 * Every route needs `X-API-Key: <key>`, `Authorization: Bearer <key>` or a dashboard session
 * cookie, unless @Public(); @AdminOnly() routes an admin caller.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = await this.authenticator.authenticate(request);
    if (caller.role !== 'admin' && this.reflector.getAllAndOverride<boolean>(IS_ADMIN_ONLY, targets)) {
      throw new ForbiddenException('this endpoint needs an admin key');
    }
    request.caller = caller;
    return true;
  }
}
