import type { INestApplicationContext } from '@nestjs/common';

/**
 * Closes the app (running every shutdown hook) on SIGTERM/SIGINT and exits 0. Nest's own
 * enableShutdownHooks re-raises the signal after closing, which orchestrators read as a crash.
 */
export function exitCleanlyOnSignals(app: INestApplicationContext, log: (message: string) => void): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      log(`${signal} received: shutting down`);
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
