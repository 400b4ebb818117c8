import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, exitCleanlyOnSignals, loadConfig } from '#config';
import { WorkerModule } from './worker.module';

/** The worker has no public HTTP: an application context that pulls jobs from the queue. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: levels(config.logLevel) });
  const logger = new Logger('worker');
  exitCleanlyOnSignals(app, (message) => logger.log(message));
  await app.init();
}

function levels(level: string): ('error' | 'warn' | 'log' | 'debug')[] {
  const all = ['error', 'warn', 'log', 'debug'] as const;
  return all.slice(0, all.indexOf(level as (typeof all)[number]) + 1);
}

bootstrap().catch((error: Error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else new Logger('worker').error(error.stack ?? error.message);
  process.exit(1);
});
