import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { ConfigError, loadConfig, type RunqConfig } from '#config';
import { exitCleanlyOnSignals } from '#process';
import { finishDisconnectWhileReconnecting } from '#messaging';
import { AppModule } from './app.module';
import { originalErrorBodies } from './compat/original/original-error-bodies';
import { jsonBodyOptions } from './common/json-body';
import { PISTON_PREFIX, pistonBody } from './compat/piston/piston-body';
import { corsOptions } from './common/cors-options';
import { jsonDepthGuard } from './common/json-depth.guard';
import { RequestValidationPipe } from './common/request-validation.pipe';
import { securityHeaders } from './common/security-headers';
import { ApiMetrics } from './metrics/api-metrics';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { DOCS_PATH, setupOpenApi } from './openapi/openapi.setup';
import { mountPages } from './pages/mount-pages';

function configureApp(app: NestExpressApplication, config: RunqConfig): void {
  app.useLogger(app.get(PinoNestLogger));
  app.use(httpMetricsMiddleware(app.get(ApiMetrics)));
  // Before everything else: a preflight is answered here, without a key, a body or a route.
  if (config.cors.origins.length) app.enableCors(corsOptions(config.cors.origins));
  app.disable('x-powered-by');
  app.use(securityHeaders(DOCS_PATH));
  app.set('trust proxy', false);
  // Before the body parser, so its refusals on those paths take their format too.
  app.use(originalErrorBodies);
  app.use(PISTON_PREFIX, pistonBody(config.maxBodyBytes)); // JSON whatever the Content-Type, as Piston clients send it
  app.useBodyParser('json', jsonBodyOptions(config.maxBodyBytes));
  app.use(jsonDepthGuard(config.function.maxInputsDepth));
  app.useGlobalPipes(new RequestValidationPipe());
  setupOpenApi(app);
}

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  finishDisconnectWhileReconnecting(); // so a stop while Redis is down cannot hang (see the function)
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app, config);
  mountPages(app);
  const logger = new Logger('api');
  exitCleanlyOnSignals(app, (message) => logger.log(message));
  await app.listen(config.port, config.host);
  logger.log(`listening on http://${config.host}:${config.port}`);
  if (!config.metrics.token && !isLoopback(config.host))
    logger.warn('GET /metrics is open on a non-loopback address: set RUNQ_METRICS_TOKEN or keep /metrics off public routes');
}

bootstrap().catch((error: Error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else new Logger('api').error(error.stack ?? error.message);
  process.exit(1);
});

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
