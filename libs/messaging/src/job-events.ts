import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { JOB_CANCEL_CHANNEL, JOB_FINISHED_CHANNEL } from '#contracts';
import { RedisSubscriber } from './redis-subscriber';
import { REDIS } from './redis.tokens';

type Listener = (jobId: string) => void;

/** Job notifications over Redis pub/sub: "finished" wakes waiting HTTP requests, "cancel" reaches the worker running a job. */
@Injectable()
export class JobEvents {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly subscriber: RedisSubscriber,
  ) {}

  async publishFinished(jobId: string): Promise<void> {
    await this.redis.publish(JOB_FINISHED_CHANNEL, jobId);
  }

  async publishCancel(jobId: string): Promise<void> {
    await this.redis.publish(JOB_CANCEL_CHANNEL, jobId);
  }

  onFinished(listener: Listener): () => void {
    return this.subscriber.listen(JOB_FINISHED_CHANNEL, listener);
  }

  onCancel(listener: Listener): () => void {
    return this.subscriber.listen(JOB_CANCEL_CHANNEL, listener);
  }
}
