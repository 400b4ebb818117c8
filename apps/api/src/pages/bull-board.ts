import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { HttpException } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RequestAuthenticator } from '../auth/request-authenticator';

export const BULL_BOARD_PATH = '/admin/queues';

/** bull-board's Express router for these queues, served under BULL_BOARD_PATH. */
export function bullBoardRouter(queues: Queue[]): RequestHandler {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: adapter,
    options: {
      uiConfig: {
        boardTitle: 'runq queues',
        boardLogo: { path: '/ui/favicon.svg', width: 28, height: 28 },
        favIcon: { default: '/ui/favicon.svg', alternative: '/favicon.ico' },
        // bull-board's own header has no way back otherwise: its menu (top right) lists these.
        miscLinks: [
          { text: '← runq dashboard', url: '/admin' },
          { text: 'Playground', url: '/playground' },
        ],
      },
    },
  });
  return adapter.getRouter() as RequestHandler;
}

/**
 * bull-board is plain Express middleware, outside Nest's guards: this checks the admin key or
 * dashboard session itself, with the same answers the guard gives (401 none/invalid, 403 user
 * key). A browser opening a page without a session is sent to the sign-in page instead, which
 * brings it back here afterwards.
 */
export function adminOnlyMiddleware(authenticator: RequestAuthenticator): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    authenticator
      .authenticate(req)
      .then((caller) => {
        if (caller.role !== 'admin') {
          res.status(403).json({ statusCode: 403, message: 'the queue board needs an admin key', error: 'Forbidden' });
          return;
        }
        next();
      })
      .catch((error: unknown) => {
        if (error instanceof HttpException) {
          if (error.getStatus() === 401 && wantsPage(req)) {
            res.redirect(302, signInPath(req.originalUrl));
            return;
          }
          res.status(error.getStatus()).json(error.getResponse());
          return;
        }
        res.status(503).json({ statusCode: 503, message: 'a backing service is unavailable; retry shortly', error: 'Service Unavailable' });
      });
  };
}

/** A page navigation (a browser asking for HTML first), not bull-board's JSON or a script calling it. */
function wantsPage(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && req.accepts(['json', 'html']) === 'html';
}

/** The dashboard's sign-in, told where to return (only ever a path under the board). */
export function signInPath(originalUrl: string): string {
  const back = originalUrl.startsWith(`${BULL_BOARD_PATH}/`) || originalUrl === BULL_BOARD_PATH ? originalUrl : BULL_BOARD_PATH;
  return `/admin?next=${encodeURIComponent(back)}`;
}
