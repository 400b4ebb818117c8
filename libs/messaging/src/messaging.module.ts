import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { ApiKeyEvents } from './api-key-events';
import { JobEvents } from './job-events';
import { ExecutionQueues } from './execution-queues';
import { bullConnection, FAIL_FAST, redisOptions } from './redis-options';
import { RedisSubscriber } from './redis-subscriber';
import { REDIS } from './redis.tokens';
import { WorkerRegistry } from './worker-registry';

const CONNECT_WAIT_MS = 3000;

@Global()
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly queues: ExecutionQueues,
  ) {}

  static forRoot(options: RedisOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        {
          provide: REDIS,
          inject: [RUNQ_CONFIG],
          useFactory: async (config: RunqConfig) => {
            const redis = new Redis(redisOptions(config.redisUrl, { ...options, lazyConnect: true }));
            redis.on('error', () => undefined); // surfaced by the commands that fail and by /health/ready
            // Start with a live connection when Redis is up, but still start (and answer 503s) when it is not.
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([redis.connect().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, CONNECT_WAIT_MS)))]);
            clearTimeout(timer);
            return redis;
          },
        },
        {
          // Producers fail fast: a submission must get its 503 while Redis is down, not hang.
          provide: ExecutionQueues,
          inject: [RUNQ_CONFIG],
          useFactory: (config: RunqConfig) => new ExecutionQueues(bullConnection(config.redisUrl, FAIL_FAST), config.pools),
        },
        RedisSubscriber,
        JobEvents,
        ApiKeyEvents,
        WorkerRegistry,
      ],
      exports: [REDIS, JobEvents, ApiKeyEvents, WorkerRegistry, ExecutionQueues],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    this.redis.disconnect();
  }
}
