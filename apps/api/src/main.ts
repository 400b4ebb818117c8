import 'reflect-metadata';
import { Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { finishDisconnectWhileReconnecting } from '#messaging';
import { ConfigError, exitCleanlyOnSignals, loadConfig, logLevels, type RunqConfig } from '#config';
import { AppModule } from './app.module';

function configureApp(app: NestExpressApplication, config: RunqConfig): void {
  app.disable('x-powered-by');
  // A JSON API: no content may load anything, nothing may frame it, nothing is cached by default.
  app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } }));
  app.set('trust proxy', false);
  app.useBodyParser('json', { limit: config.maxBodyBytes });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      stopAtFirstError: false,
    }),
  );
}

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  finishDisconnectWhileReconnecting(); // so a stop while Redis is down cannot hang (see the function)
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    logger: logLevels(config.logLevel),
  });
  configureApp(app, config);
  const logger = new Logger('api');
  exitCleanlyOnSignals(app, (message) => logger.log(message));
  await app.listen(config.port, config.host);
  logger.log(`listening on http://${config.host}:${config.port}`);
}

bootstrap().catch((error: Error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else new Logger('api').error(error.stack ?? error.message);
  process.exit(1);
});
