import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export interface Caller {
  keyId: string;
  role: 'user' | 'admin';
}

export type AuthenticatedRequest = Request & { caller?: Caller };

/** The API key behind the request, set by ApiKeyGuard. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().caller!;
});
