import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { JobEvents } from './job-events';
import { redisOptions } from './redis-options';
import { REDIS } from './redis.tokens';
import { WorkerRegistry } from './worker-registry';

@Global()
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  static forRoot(options: RedisOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        {
          provide: REDIS,
          inject: [RUNQ_CONFIG],
          useFactory: (config: RunqConfig) => {
            const redis = new Redis(redisOptions(config.redisUrl, options));
            redis.on('error', () => undefined); // surfaced by the commands that fail and by /health/ready
            return redis;
          },
        },
        JobEvents,
        WorkerRegistry,
      ],
      exports: [REDIS, JobEvents, WorkerRegistry],
    };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
