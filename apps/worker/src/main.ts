import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { finishDisconnectWhileReconnecting } from '#messaging';
import { ConfigError, exitCleanlyOnSignals, loadConfig, logLevels } from '#config';
import { WorkerModule } from './worker.module';

const SHUTDOWN_MARGIN_MS = 20_000;

/** The worker has no public HTTP: an application context that pulls jobs from the queue. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  finishDisconnectWhileReconnecting(); // so a stop while Redis is down cannot hang (see the function)
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: logLevels(config.logLevel) });
  const logger = new Logger('worker');
  // Past the grace period running jobs are stopped and handed back, which takes a few seconds more.
  exitCleanlyOnSignals(app, (message) => logger.log(message), config.worker.shutdownGraceMs + SHUTDOWN_MARGIN_MS);
  await app.init();
}

bootstrap().catch((error: Error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else new Logger('worker').error(error.stack ?? error.message);
  process.exit(1);
});
