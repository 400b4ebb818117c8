import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { WORKER_HEARTBEAT_PREFIX, type WorkerHeartbeat } from '#contracts';
import { REDIS } from './redis.tokens';

/** Worker heartbeats in Redis; a worker that stops beating expires with its key. */
@Injectable()
export class WorkerRegistry {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async beat(heartbeat: WorkerHeartbeat, ttlMs: number): Promise<void> {
    await this.redis.set(WORKER_HEARTBEAT_PREFIX + heartbeat.id, JSON.stringify(heartbeat), 'PX', ttlMs);
  }

  async remove(id: string): Promise<void> {
    await this.redis.del(WORKER_HEARTBEAT_PREFIX + id);
  }

  async list(): Promise<WorkerHeartbeat[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(cursor, 'MATCH', `${WORKER_HEARTBEAT_PREFIX}*`, 'COUNT', 200);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    if (!keys.length) return [];
    const values = await this.redis.mget(...keys);
    return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as WorkerHeartbeat);
  }
}
