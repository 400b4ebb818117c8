import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Limits in force for a key (its own, or the server's defaults); 0 = unlimited. */
export interface CallerLimits {
  rateLimitPerMinute: number;
  maxActiveJobs: number;
}

export interface Caller {
  keyId: string;
  role: 'user' | 'admin';
  /** Set by authentication; a caller built without it (tests, internal calls) is not limited. */
  limits?: CallerLimits;
}

export type AuthenticatedRequest = Request & { caller?: Caller };

/** The API key behind the request, set by ApiKeyGuard. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().caller!;
});
