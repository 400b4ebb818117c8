/**
 * Local autoscaler: runs between --min and --max worker processes on this host, following the queue.
 *   npm run workers -- --min 1 --max 4 [--pool default] [--capacity 4] [--interval-ms 1000] [--scale-out-age-ms 5000]
 *                      [--cooldown-out-ms 15000] [--cooldown-in-ms 60000] [--scale-in-idle-ms 120000]
 * Needs REDIS_URL (read directly, no API involved) and everything a worker needs (DATABASE_URL, Docker).
 * SIGINT/SIGTERM: every worker drains and exits, then this process; a second signal kills them.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { defaultConcurrency } from '#config';
import { DEFAULT_POOL, executionsQueueName } from '#contracts';
import { bullConnection, FAIL_FAST, QueueBacklogReader, redisOptions } from '#messaging';
import { parseAutoscalerArgs } from '../apps/autoscaler/src/autoscaler-options';
import { childProcessSpawner } from '../apps/autoscaler/src/child-process-spawner';
import { LocalAutoscaler } from '../apps/autoscaler/src/local-autoscaler';

const log = (line: string) => console.log(`${new Date().toISOString()} [autoscaler] ${line}`);

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) throw new Error('REDIS_URL is not set');
  const defaultMemoryMb = Number(process.env.RUNQ_DEFAULT_MEMORY_MB) || 128;
  const { settings, intervalMs, pool } = parseAutoscalerArgs(process.argv.slice(2), process.env, defaultConcurrency(defaultMemoryMb));
  const script = process.env.RUNQ_WORKER_SCRIPT ?? join(__dirname, '../apps/worker/src/main.js');
  if (!existsSync(script)) throw new Error(`worker entry ${script} not found: run npm run build first`);

  // Fail fast: a sample that cannot be read is a "hold", never a queue of stale commands.
  const redis = new Redis(redisOptions(redisUrl, FAIL_FAST));
  redis.on('error', () => undefined); // reported by the failing sample
  const queue = new Queue(executionsQueueName(pool), { connection: bullConnection(redisUrl, FAIL_FAST) });
  queue.on('error', () => undefined);
  const reader = new QueueBacklogReader(queue, redis);

  // Every worker gets the same concurrency the policy assumes, instead of each sizing itself to the whole host.
  // Adaptive sizing is off for them: the supervisor already follows the host, and two loops would fight.
  const env = {
    ...process.env,
    RUNQ_WORKER_CONCURRENCY: String(settings.perWorkerCapacity),
    RUNQ_WORKER_POOL: pool,
    RUNQ_WORKER_ADAPTIVE: 'false',
  };
  const host = pool === DEFAULT_POOL ? hostname() : `${hostname()}-${pool}`;
  const scaler = new LocalAutoscaler(childProcessSpawner(script, env), () => reader.read(), { settings, host }, log);

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      log(`${signal} again: killing all workers`);
      scaler.kill();
      return;
    }
    log(`${signal} received`);
    void scaler.stop().then(async () => {
      log('all workers exited');
      await queue.close().catch(() => undefined);
      redis.disconnect();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  scaler.start(intervalMs);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
