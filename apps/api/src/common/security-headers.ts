import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

const strict = helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
// Swagger UI loads its own scripts, styles and images from this origin (swagger-ui-dist), never from a CDN.
const docs = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      // Served over plain HTTP on loopback too: do not push its assets to https.
      upgradeInsecureRequests: null,
    },
  },
});

/** A JSON API: no content may load anything and nothing may frame it; only the docs pages may load their own assets. */
export function securityHeaders(docsPath: string) {
  const prefix = `/${docsPath}`;
  return (req: Request, res: Response, next: NextFunction): void => {
    const isDocs = req.path === prefix || req.path.startsWith(`${prefix}/`);
    (isDocs ? docs : strict)(req, res, next);
  };
}
