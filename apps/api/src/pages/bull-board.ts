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
    options: { uiConfig: { boardTitle: 'runq queues' } },
  });
  return adapter.getRouter() as RequestHandler;
}

/**
 * bull-board is plain Express middleware, outside Nest's guards: this checks the admin key or
 * dashboard session itself, with the same answers the guard gives (401 none/invalid, 403 user key).
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
          res.status(error.getStatus()).json(error.getResponse());
          return;
        }
        res.status(503).json({ statusCode: 503, message: 'a backing service is unavailable; retry shortly', error: 'Service Unavailable' });
      });
  };
}
