import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyService } from './api-key.service';
import type { AuthenticatedRequest } from './caller';
import { IS_PUBLIC } from './public.decorator';

/** Every route needs `X-API-Key: <key>` or `Authorization: Bearer <key>`, unless @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = presentedKey(request);
    if (!key) throw new UnauthorizedException('an API key is required: send it in the X-API-Key header');
    const caller = await this.keys.authenticate(key);
    if (!caller) throw new UnauthorizedException('the API key is not valid');
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
