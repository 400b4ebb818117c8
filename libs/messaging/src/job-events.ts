import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { API_KEY_CHANGED_CHANNEL, JOB_CANCEL_CHANNEL, JOB_FINISHED_CHANNEL } from '#contracts';
import { REDIS } from './redis.tokens';

type Listener = (jobId: string) => void;

/**
 * Job notifications over Redis pub/sub: "finished" wakes waiting HTTP requests, "cancel"
 * reaches the worker running a job. One subscriber connection per process, opened on
 * first use and shared by every listener.
 */
@Injectable()
export class JobEvents implements OnModuleDestroy {
  private readonly logger = new Logger(JobEvents.name);
  private subscriber: Redis | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async publishFinished(jobId: string): Promise<void> {
    await this.redis.publish(JOB_FINISHED_CHANNEL, jobId);
  }

  async publishCancel(jobId: string): Promise<void> {
    await this.redis.publish(JOB_CANCEL_CHANNEL, jobId);
  }

  /** Tells every API process to drop its cached entry of this key (revocation, new limits). */
  async publishKeyChanged(keyId: string): Promise<void> {
    await this.redis.publish(API_KEY_CHANGED_CHANNEL, keyId);
  }

  onKeyChanged(listener: Listener): () => void {
    return this.listen(API_KEY_CHANGED_CHANNEL, listener);
  }

  onFinished(listener: Listener): () => void {
    return this.listen(JOB_FINISHED_CHANNEL, listener);
  }

  onCancel(listener: Listener): () => void {
    return this.listen(JOB_CANCEL_CHANNEL, listener);
  }

  private listen(channel: string, listener: Listener): () => void {
    if (!this.subscriber) {
      this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
      this.subscriber.on('error', (error) => this.logger.warn(`subscriber: ${error.message}`));
      this.subscriber.on('message', (from: string, jobId: string) => this.listeners.get(from)?.forEach((fn) => fn(jobId)));
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
