import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { finishDisconnectWhileReconnecting } from '#messaging';
import { ConfigError, loadConfig } from '#config';
import { exitCleanlyOnSignals } from '#process';
import { WorkerModule } from './worker.module';
import { WORKER_ID } from './worker.tokens';

const SHUTDOWN_MARGIN_MS = 20_000;

/** The worker has no public HTTP: an application context that pulls jobs from the queue. */
async function bootstrap(): Promise<void> {
  const config = loadConfig(); // fail with a readable message before Nest starts
  finishDisconnectWhileReconnecting(); // so a stop while Redis is down cannot hang (see the function)
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  // Several workers may share one output (npm run workers): every line names its worker.
  PinoLogger.root.setBindings({ workerId: app.get<string>(WORKER_ID) });
  app.useLogger(app.get(PinoNestLogger));
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
