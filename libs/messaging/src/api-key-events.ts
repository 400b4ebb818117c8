import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { API_KEY_CHANGED_CHANNEL } from '#contracts';
import { RedisSubscriber } from './redis-subscriber';
import { REDIS } from './redis.tokens';

/** API key notifications over Redis pub/sub: every API process drops its cached entry of a changed key. */
@Injectable()
export class ApiKeyEvents {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly subscriber: RedisSubscriber,
  ) {}

  /** Announces a revocation or new limits. */
  async publishKeyChanged(keyId: string): Promise<void> {
    await this.redis.publish(API_KEY_CHANGED_CHANNEL, keyId);
  }

  onKeyChanged(listener: (keyId: string) => void): () => void {
    return this.subscriber.listen(API_KEY_CHANGED_CHANNEL, listener);
  }
}
