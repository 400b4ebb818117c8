import { Queue } from 'bullmq';
import { EXECUTIONS_QUEUE } from '../../libs/contracts/src';
import { eventually } from './support/eventually';
import { countJobRows } from './support/services';
import { Stack } from './support/stack';

jest.setTimeout(120_000);

/** Jobs waiting for a worker, as the API counts them for backpressure. */
async function queueDepth(): Promise<number> {
  const queue = new Queue(EXECUTIONS_QUEUE, { connection: { url: process.env.REDIS_URL } as never });
  try {
    const counts = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  } finally {
    await queue.close();
  }
}

const CACHE_MS = 1000; // QueueAdmission's DEPTH_CACHE_MS
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const job = { language: 'python', code: 'print("bp")' };

let stack: Stack;
const ids: string[] = [];
beforeAll(async () => {
  // No worker, so the queue only grows; the limit sits three jobs above what is already waiting.
  const depth = await queueDepth();
  stack = await Stack.start('backpressure', {
    worker: false,
    env: { RUNQ_MAX_QUEUE_DEPTH: String(depth + 3), RUNQ_BACKPRESSURE_RETRY_AFTER_S: '4' },
  });
});
afterAll(async () => {
  for (const id of ids) await stack?.request('POST', `/jobs/${id}/cancel`).catch(() => undefined);
  await stack?.stop();
});

describe('backpressure', () => {
  it('answers 503 + Retry-After on every submission route once the queue is at its depth, and writes nothing', async () => {
    const replayKey = { 'Idempotency-Key': `bp-${Date.now()}` };
    for (let i = 0; i < 3; i++) {
      const res = await stack.request('POST', '/jobs', { body: job, headers: i === 0 ? replayKey : {} });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // Deliberate: the API reads the depth through a cache that expires by time; a probe submission
    // would be admitted (and written) while the cache still holds the old depth.
    await pause(CACHE_MS + 100);
    const rows = await countJobRows();
    const refusals = [
      await stack.request('POST', '/jobs', { body: job }),
      await stack.request('POST', '/jobs?wait=true', { body: job }),
      await stack.request('POST', '/execute', { body: job }),
      await stack.request('POST', '/jobs/batch', { body: { jobs: [job, job] } }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('4');
      expect(res.body.message).toMatch(/job queue is full \(\d+ jobs waiting, limit \d+\)/);
    }
    expect(await countJobRows()).toBe(rows);

    // A client's retry of a job it already created still gets that job back.
    const replay = await stack.request('POST', '/jobs', { body: job, headers: replayKey });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(ids[0]);
    // Reads are unaffected.
    expect((await stack.request('GET', `/jobs/${ids[1]}`)).status).toBe(200);
  });

  it('admits again once the queue drains below the depth', async () => {
    expect((await stack.request('POST', `/jobs/${ids.shift()}/cancel`)).status).toBe(200);
    // Refused submissions write nothing: retry until the depth cache has seen the drained queue.
    const res = await eventually(
      async () => {
        const res = await stack.request('POST', '/jobs', { body: job });
        if (res.status === 503) throw new Error('still refused: the queue is full');
        return res;
      },
      { timeoutMs: CACHE_MS * 5, intervalMs: 100 },
    );
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  });
});
