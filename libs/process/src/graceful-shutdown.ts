import type { INestApplicationContext } from '@nestjs/common';

/**
 * Closes the app (running every shutdown hook) on SIGTERM/SIGINT and exits 0. Nest's own
 * enableShutdownHooks re-raises the signal after closing, which orchestrators read as a crash.
 */
export function exitCleanlyOnSignals(app: INestApplicationContext, log: (message: string) => void, hardDeadlineMs?: number): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      log(`${signal} received: shutting down`);
      // A shutdown hook that hangs (an unreachable Docker engine or Redis) must not keep the process up forever.
      if (hardDeadlineMs !== undefined)
        setTimeout(() => {
          log(`shutdown did not finish within ${hardDeadlineMs} ms: exiting`);
          process.exit(1);
        }, hardDeadlineMs).unref();
      app.close().then(
        () => process.exit(0),
        (error: Error) => {
          log(`shutdown failed: ${error.message}`);
          process.exit(1);
        },
      );
    });
  }
}
