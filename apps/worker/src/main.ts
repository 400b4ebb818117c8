import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { ConfigError, exitCleanlyOnSignals, loadConfig } from '#config';
import { WorkerModule } from './worker.module';
import { WORKER_ID } from './worker.tokens';

/** The worker has no public HTTP: an application context that pulls jobs from the queue. */
async function bootstrap(): Promise<void> {
  loadConfig(); // fail with a readable message before Nest starts
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  // Several workers may share one output (npm run workers): every line names its worker.
  PinoLogger.root.setBindings({ workerId: app.get<string>(WORKER_ID) });
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
