import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { RUNQ_CONFIG, RunqConfigModule, type RunqConfig } from '#config';
import { apiLoggerParams } from '#process';
import { DbModule } from '#db';
import { JobsModule as JobsLibraryModule } from '#jobs';
import { KeysModule as KeysLibraryModule } from '#keys';
import { bullConnection, FAIL_FAST, MessagingModule } from '#messaging';
import { AdminModule } from './admin/admin.module';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AuthModule } from './auth/auth.module';
import { OriginalShapesModule } from './compat/original/original-shapes.module';
import { PistonModule } from './compat/piston/piston.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { Judge0Module } from './compat/judge0/judge0.module';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { JobsModule } from './jobs/jobs.module';
import { KeysModule } from './keys/keys.module';
import { LanguagesModule } from './languages/languages.module';
import { MetricsModule } from './metrics/metrics.module';
import { RateLimitGuard } from './limits/rate-limit.guard';
import { RequestRateLimiter } from './limits/request-rate-limiter';
import { PagesModule } from './pages/pages.module';
import { ScalingModule } from './scaling/scaling.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    RunqConfigModule,
    LoggerModule.forRootAsync({ inject: [RUNQ_CONFIG], useFactory: apiLoggerParams }),
    DbModule,
    JobsLibraryModule,
    KeysLibraryModule,
    MessagingModule.forRoot(FAIL_FAST),
    // Producer only: fail fast while Redis is down rather than hang the request.
    BullModule.forRootAsync({
      inject: [RUNQ_CONFIG],
      useFactory: (config: RunqConfig) => ({ connection: bullConnection(config.redisUrl, FAIL_FAST) }),
    }),
    AuthModule,
    LanguagesModule,
    JobsModule,
    KeysModule,
    WebhooksModule,
    ScalingModule,
    MetricsModule,
    AdminModule,
    PagesModule,
    OriginalShapesModule,
    Judge0Module,
    PistonModule,
  ],
  controllers: [HealthController],
  providers: [
    HealthService,
    RequestRateLimiter,
    // Global guards run in this order: the key names the caller, then its request budget is charged.
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class AppModule {}
