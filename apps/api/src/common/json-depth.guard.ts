import type { NextFunction, Request, Response } from 'express';

/** Nesting the API's own fields need on top of function inputs (batch → jobs[i] → function → inputs). */
const STRUCTURE_DEPTH = 4;

/**
 * Refuses a JSON body nested deeper than the server accepts, before validation walks it
 * (recursively): 400 naming the path where it got too deep. Iterative, so any depth is safe.
 */
export function jsonDepthGuard(maxInputsDepth: number) {
  const limit = maxInputsDepth + STRUCTURE_DEPTH;
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = tooDeep(req.body, limit);
    if (path === null) return next();
    res
      .status(400)
      .json({ statusCode: 400, error: 'Bad Request', message: `${path || 'body'} is nested more than ${maxInputsDepth} levels deep` });
  };
}

/** The path (e.g. "function.inputs") under which `value` exceeds `limit` levels, or null. */
export function tooDeep(value: unknown, limit: number): string | null {
  const stack: [unknown, number, string[]][] = [[value, 0, []]];
  while (stack.length) {
    const [item, depth, path] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > limit) return nameOf(path);
    for (const [key, child] of Object.entries(item as object)) {
      // Only the first few segments name the field; deeper ones would just repeat the nesting.
      stack.push([child, depth + 1, path.length < 4 ? [...path, Array.isArray(item) ? `[${key}]` : key] : path]);
    }
  }
  return null;
}

function nameOf(path: string[]): string {
  const named = path.slice(0, 4).reduce((out, part) => (part.startsWith('[') ? out + part : out ? `${out}.${part}` : part), '');
  // Name the field a client knows: function.inputs, inputs, jobs[0].inputs, …
  const known = /^(jobs\[\d+\]\.)?(function\.inputs|inputs)/.exec(named);
  return known ? known[0] : named;
}
