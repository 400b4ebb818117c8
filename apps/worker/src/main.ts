import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { ConfigError, exitCleanlyOnSignals, loadConfig } from '#config';
import { WorkerModule } from './worker.module';

/** The worker has no public HTTP: an application context that pulls jobs from the queue. */
async function bootstrap(): Promise<void> {
  loadConfig(); // fail with a readable message before Nest starts
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(PinoNestLogger));
  const logger = new Logger('worker');
  exitCleanlyOnSignals(app, (message) => logger.log(message));
  await app.init();
}

bootstrap().catch((error: Error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else new Logger('worker').error(error.stack ?? error.message);
  process.exit(1);
});
