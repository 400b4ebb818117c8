import { getQueueToken } from '@nestjs/bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Queue } from 'bullmq';
import { CALLBACKS_QUEUE } from '#contracts';
import { ExecutionQueues } from '#messaging';
import { RequestAuthenticator } from '../auth/request-authenticator';
import { adminOnlyMiddleware, BULL_BOARD_PATH, bullBoardRouter } from './bull-board';
import { pageHeaders, PUBLIC_DIR } from './page-security';

/**
 * Express-level parts of the pages, mounted before Nest's routes: the built dashboard assets
 * under /ui, and bull-board under /admin/queues behind its own admin check.
 */
export function mountPages(app: NestExpressApplication): void {
  const executions = app.get(ExecutionQueues, { strict: false });
  const queues = [...executions.all(), app.get<Queue>(getQueueToken(CALLBACKS_QUEUE), { strict: false })];
  app.use(BULL_BOARD_PATH, adminOnlyMiddleware(app.get(RequestAuthenticator, { strict: false })), pageHeaders, bullBoardRouter(queues));
  app.useStaticAssets(PUBLIC_DIR, { prefix: '/ui/', index: false, fallthrough: true, maxAge: '1h' });
}
