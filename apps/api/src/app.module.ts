import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { apiLoggerParams, RUNQ_CONFIG, RunqConfigModule, type RunqConfig } from '#config';
import { DbModule } from '#db';
import { bullConnection, FAIL_FAST, MessagingModule } from '#messaging';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyService } from './auth/api-key.service';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { JobsModule } from './jobs/jobs.module';
import { LanguagesModule } from './languages/languages.module';
import { MetricsModule } from './metrics/metrics.module';
import { ScalingModule } from './scaling/scaling.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    RunqConfigModule,
    LoggerModule.forRootAsync({ inject: [RUNQ_CONFIG], useFactory: apiLoggerParams }),
    DbModule,
    MessagingModule.forRoot(FAIL_FAST),
    // Producer only: fail fast while Redis is down rather than hang the request.
    BullModule.forRootAsync({
      inject: [RUNQ_CONFIG],
      useFactory: (config: RunqConfig) => ({ connection: bullConnection(config.redisUrl, FAIL_FAST) }),
    }),
    LanguagesModule,
    JobsModule,
    WebhooksModule,
    ScalingModule,
    MetricsModule,
  ],
  controllers: [HealthController],
  providers: [
    ApiKeyService,
    HealthService,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class AppModule {}
