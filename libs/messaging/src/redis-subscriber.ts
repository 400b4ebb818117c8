import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { REDIS } from './redis.tokens';

export type MessageListener = (message: string) => void;

/**
 * The process's one Redis subscriber connection, opened on first use and shared by every
 * channel and listener (job events, API key events).
 */
@Injectable()
export class RedisSubscriber implements OnModuleDestroy {
  private readonly logger = new Logger(RedisSubscriber.name);
  private subscriber: Redis | null = null;
  private readonly listeners = new Map<string, Set<MessageListener>>();

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  listen(channel: string, listener: MessageListener): () => void {
    if (!this.subscriber) {
      this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
      this.subscriber.on('error', (error) => this.logger.warn(`subscriber: ${error.message}`));
      this.subscriber.on('message', (from: string, message: string) => this.listeners.get(from)?.forEach((fn) => fn(message)));
    }
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      this.subscriber.subscribe(channel).catch((error: Error) => this.logger.warn(`subscribe ${channel}: ${error.message}`));
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  async onModuleDestroy(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
