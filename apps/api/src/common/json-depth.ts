import type { NextFunction, Request, Response } from 'express';

/** Deeper than any request body needs; far below what recursive validation can survive. */
export const MAX_JSON_DEPTH = 64;

/**
 * The path of the first value nested deeper than `maxDepth` levels (objects and arrays
 * count one level each), or null. Iterative, so no input can exhaust the stack here.
 */
export function tooDeepPath(value: unknown, maxDepth: number): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  while (stack.length) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= maxDepth) return item.path || '(body)';
    const entries = Array.isArray(item.value)
      ? item.value.map((v, i) => [`[${i}]`, v] as const)
      : Object.entries(item.value).map(([k, v]) => [k, v] as const);
    for (const [key, child] of entries) {
      const path = key.startsWith('[') ? `${item.path}${key}` : item.path ? `${item.path}.${key}` : key;
      stack.push({ value: child, depth: item.depth + 1, path });
    }
  }
  return null;
}

/** Shortens `a.b.c.d…` to its first segments, enough to name the field. */
function fieldOf(path: string): string {
  const segments = path.match(/[^.[\]]+|\[\d+\]/g) ?? [path];
  const head = segments.slice(0, 3).reduce((acc, s) => (s.startsWith('[') ? acc + s : acc ? `${acc}.${s}` : s), '');
  return segments.length > 3 ? `${head}…` : head;
}

/**
 * Refuses JSON bodies nested deeper than `maxDepth` with a 400 naming the field, before
 * validation: class-transformer recurses per level and would overflow the stack (a 500).
 */
export function rejectDeepJson(maxDepth = MAX_JSON_DEPTH) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.body && typeof req.body === 'object' ? tooDeepPath(req.body, maxDepth) : null;
    if (path === null) return next();
    res.status(400).json({
      statusCode: 400,
      message: `${fieldOf(path)} is nested too deeply (at most ${maxDepth} levels of objects and arrays)`,
      error: 'Bad Request',
    });
  };
}
