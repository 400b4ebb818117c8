import { SetMetadata } from '@nestjs/common';

export const IS_POLL_ROUTE = 'runq:isPollRoute';

/**
 * A read that clients poll in a tight loop (the Judge0 SDK every 0.1 s, without backoff): not
 * charged to the key's per-minute budget, which would otherwise refuse a normal client with 429.
 */
export const PollRoute = () => SetMetadata(IS_POLL_ROUTE, true);
