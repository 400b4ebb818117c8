import type { NextFunction, Request, Response } from 'express';
import type { ApiMetrics } from './api-metrics';

/**
 * Times every request, labelled by the route template (`/jobs/:id`, never the raw path, so
 * ids do not explode the series). Mounted first, so body-parser rejections count too.
 */
export function httpMetricsMiddleware(metrics: ApiMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => end({ method: req.method, route: routeOf(req, res), status: String(res.statusCode) }));
    next();
  };
}

export function routeOf(req: Pick<Request, 'route' | 'baseUrl'>, res: Pick<Response, 'statusCode'>): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  // A wildcard is a catch-all middleware's mount (Nest's `{/*splat}`), not an API route.
  if (typeof path === 'string' && !path.includes('*')) return (req.baseUrl ?? '') + path;
  return res.statusCode === 404 ? 'unmatched' : 'other';
}
