import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyService } from './api-key.service';
import type { AuthenticatedRequest } from './caller';
import { IS_ADMIN_ONLY } from './admin-only.decorator';
import { IS_PUBLIC } from './public.decorator';

/** Every route needs `X-API-Key: <key>` or `Authorization: Bearer <key>`, unless @Public(); @AdminOnly() routes an admin key. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = presentedKey(request);
    if (!key) throw new UnauthorizedException('an API key is required: send it in the X-API-Key header');
    const caller = await this.keys.authenticate(key);
    if (!caller) throw new UnauthorizedException('the API key is not valid');
    if (caller.role !== 'admin' && this.reflector.getAllAndOverride<boolean>(IS_ADMIN_ONLY, targets)) {
      throw new ForbiddenException('this endpoint needs an admin key');
    }
    request.caller = caller;
    return true;
  }
}

function presentedKey(request: AuthenticatedRequest): string | null {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const auth = request.headers.authorization;
  const match = typeof auth === 'string' ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  return match ? match[1] : null;
}
