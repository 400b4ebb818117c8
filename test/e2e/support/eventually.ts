export interface EventuallyOptions {
  /** Give up after this long; the check always runs at least once. */
  timeoutMs?: number;
  /** Pause between attempts. */
  intervalMs?: number;
  /** What was awaited, put before the last failure when time runs out (a function is called then). */
  message?: string | (() => string);
}

/**
 * Runs `check` until it passes, and returns its value: it passes when it neither throws
 * (a failed `expect`, an error) nor returns `false`. Tests wait on a condition this way
 * instead of sleeping for a guessed time. When time runs out, the last failure is thrown,
 * behind `message` if there is one.
 */
export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<Exclude<T, false>> {
  const { timeoutMs = 10_000, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      const value = await check();
      if (value !== false) return value as Exclude<T, false>;
      failure = new Error('the condition is still false');
    } catch (error) {
      failure = error;
    }
    if (Date.now() >= deadline) throw timedOut(failure, options.message);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function timedOut(failure: unknown, message: EventuallyOptions['message']): unknown {
  if (message === undefined) return failure;
  const text = typeof message === 'function' ? message() : message;
  const last = failure instanceof Error ? failure.message : String(failure);
  return new Error(`${text}: ${last}`, { cause: failure });
}
