import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { JOB_CANCEL_CHANNEL, JOB_FINISHED_CHANNEL } from '#contracts';
import { RedisSubscriber } from './redis-subscriber';
import { REDIS } from './redis.tokens';

type Listener = (jobId: string) => void;
/** `detail`: what the publisher attached to the event (a finished job's row as JSON), if anything. */
type FinishedListener = (jobId: string, detail?: string) => void;

/** Job notifications over Redis pub/sub: "finished" wakes waiting HTTP requests, "cancel" reaches the worker running a job. */
@Injectable()
export class JobEvents {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly subscriber: RedisSubscriber,
  ) {}

  /** The id alone, or followed by a space and `detail`. */
  async publishFinished(jobId: string, detail?: string): Promise<void> {
    await this.redis.publish(JOB_FINISHED_CHANNEL, detail === undefined ? jobId : `${jobId} ${detail}`);
  }

  async publishCancel(jobId: string): Promise<void> {
    await this.redis.publish(JOB_CANCEL_CHANNEL, jobId);
  }

  onFinished(listener: FinishedListener): () => void {
    return this.subscriber.listen(JOB_FINISHED_CHANNEL, (message) => {
      const space = message.indexOf(' ');
      if (space < 0) listener(message);
      else listener(message.slice(0, space), message.slice(space + 1));
    });
  }

  onCancel(listener: Listener): () => void {
    return this.subscriber.listen(JOB_CANCEL_CHANNEL, listener);
  }
}
