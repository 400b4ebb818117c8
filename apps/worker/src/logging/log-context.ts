import type { PinoLogger } from 'nestjs-pino';

/**
 * Runs `fn` with `bindings` on every log line made inside it, across awaits (nestjs-pino's
 * AsyncLocalStorage context, which Nest's own Logger writes through). Without a pino
 * logger (unit tests) it just runs `fn`.
 */
export function inLogContext<T>(pino: PinoLogger | undefined, bindings: Record<string, unknown>, fn: () => T): T {
  return pino ? pino.runInContext(fn, { bindings }) : fn();
}
