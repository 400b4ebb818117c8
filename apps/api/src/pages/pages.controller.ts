import { ApiExcludeController } from '@nestjs/swagger';
import { Controller, Get, Redirect, Res } from '@nestjs/common';
import type { Response } from 'express';
import { join } from 'node:path';
import { Public } from '../auth/public.decorator';
import { PAGE_CSP, PUBLIC_DIR } from './page-security';

/**
 * The two pages. They are public shells: the dashboard's data needs an admin session
 * (its login form is the first thing it shows), the playground a user's API key.
 */
@ApiExcludeController()
@Controller()
@Public()
export class PagesController {
  @Get()
  @Redirect('/playground', 302)
  root(): void {}

  @Get('admin')
  admin(@Res() res: Response): void {
    send(res, 'admin.html');
  }

  @Get('playground')
  playground(@Res() res: Response): void {
    send(res, 'playground.html');
  }

  /** Browsers ask for it on every page, bull-board's and error pages included. */
  @Get('favicon.ico')
  favicon(@Res() res: Response): void {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.sendFile(join(PUBLIC_DIR, 'favicon.ico'), (error) => {
      if (error && !res.headersSent) res.status(404).end();
    });
  }
}

function send(res: Response, file: string): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('Cache-Control', 'no-store');
  res.sendFile(join(PUBLIC_DIR, file), (error) => {
    if (error && !res.headersSent)
      res.status(503).json({ statusCode: 503, message: 'the web UI is not built: run npm start or npm run build:web' });
  });
}
