import { eventually } from './support/eventually';
import { RecoveryStack, sleeper } from './support/recovery-stack';

jest.setTimeout(60_000);

/** "Fast": well under any client's timeout, and nothing like a hung request. */
const FAST_MS = 3000;

let stack: RecoveryStack;
beforeAll(async () => {
  stack = await RecoveryStack.start('redis');
  await Promise.all([stack.startWorker('a'), stack.startWorker('spare')]);
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

async function rowCount(): Promise<number> {
  const [{ n }] = await stack.postgres.query<{ n: string }>('SELECT count(*) AS n FROM jobs');
  return Number(n);
}

/** After a restart every client reconnects on its own schedule (BullMQ's within a second or two). */
async function submitOnceBack(body: object, ms = 15_000): Promise<string> {
  const { value } = await eventually(
    async () => {
      const answer = await stack.request('POST', '/jobs', body);
      if (answer.value.status === 503) throw new Error('POST /jobs answered 503 after Redis returned');
      return answer;
    },
    { timeoutMs: ms, intervalMs: 200 },
  );
  if (value.status !== 201) throw new Error(`POST /jobs answered ${value.status} after Redis returned`);
  return value.body.id as string;
}

describe('Redis outage', () => {
  it('answers submissions with a fast 503 while Redis is down, writes nothing, and serves reads from Postgres', async () => {
    const before = await stack.submit(sleeper(0));
    await stack.waitForRow(before, (r) => r.status === 'completed');
    const rows = await rowCount();
    await stack.redis.stop();
    try {
      for (const [method, path, body] of [
        ['POST', '/jobs', sleeper(0)],
        ['POST', '/execute', sleeper(0)],
        ['POST', '/jobs?wait=true', sleeper(0)],
        ['POST', '/jobs/batch', { jobs: [sleeper(0)] }],
      ] as const) {
        const { value, ms } = await stack.request(method, path, body);
        expect({ path, status: value.status }).toEqual({ path, status: 503 });
        expect(ms).toBeLessThan(FAST_MS);
        stack.measure(`${method} ${path.replace(/[0-9a-f-]{36}/, ':id')} while down (${value.status})`, ms);
      }
      const ready = await stack.request('GET', '/health/ready');
      expect(ready.value.status).toBe(503);
      expect(ready.value.body.checks.redis.ok).toBe(false);
      expect(ready.ms).toBeLessThan(FAST_MS);
      const read = await stack.request('GET', `/jobs/${before}`);
      expect(read.value).toMatchObject({ status: 200, body: { status: 'completed' } });
      expect(await rowCount()).toBe(rows); // a refused submission leaves no row behind
      // A worker told to stop while Redis is down still exits, and cleanly.
      const stopped = await stack.terminateWorker('spare');
      expect(stopped.value).toBe(0);
      expect(stopped.ms).toBeLessThan(10_000);
      stack.measure('SIGTERM to exit while Redis is down', stopped.ms);
    } finally {
      await stack.redis.start();
    }
    const after = await submitOnceBack(sleeper(0));
    await stack.waitForRow(after, (r) => r.status === 'completed', 20_000);
  });

  it('restarted with its data: jobs queued before the restart run exactly once', async () => {
    const stopped = await stack.terminateWorker('a'); // moments after Redis came back
    expect(stopped.value).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    const ids = await Promise.all([0, 1, 2].map((i) => stack.submit(sleeper(0, String(i)))));
    await stack.redis.stop();
    await stack.redis.start();
    await stack.startWorker('b');
    await stack.waitForAll(ids, 'completed', 30_000);
    const completions = await stack.postgres.completions(ids);
    for (const id of ids) {
      expect(await stack.row(id)).toMatchObject({ attempts: 1, outcome: 'ok' });
      expect(completions.get(id)).toBe(1);
      expect(stack.writtenResults(id)).toBe(1);
    }
    // They came back from Redis's own data; the reconciler had nothing to restore.
    expect(stack.workerLines(/queue had lost/).filter((l) => ids.some((id) => l.includes(id)))).toEqual([]);
  });

  it('restarted without its data: every queued row is enqueued again and runs once; a running job is written once', async () => {
    expect((await stack.terminateWorker('b')).value).toBe(0);
    await stack.startWorker('c', { RUNQ_WORKER_CONCURRENCY: '1' });
    const running = await stack.submit(sleeper(6, 'running'));
    await stack.waitForRow(running, (r) => r.status === 'running', 20_000);
    const queued = await Promise.all([0, 1, 2].map((i) => stack.submit(sleeper(0, `q${i}`))));

    await stack.redis.stop();
    stack.redis.wipe();
    await stack.redis.start();
    const back = Date.now();

    const all = [running, ...queued];
    await stack.waitForAll(all, 'completed', 45_000);
    stack.measure('empty Redis back to all lost jobs completed', Date.now() - back);
    const completions = await stack.postgres.completions(all);
    for (const id of all) {
      expect(await stack.row(id)).toMatchObject({ attempts: 1, outcome: 'ok' });
      expect(completions.get(id)).toBe(1);
      expect(stack.writtenResults(id)).toBe(1);
    }
    const restored = stack.workerLines(/queue had lost/).join('\n');
    for (const id of queued) expect(restored).toContain(id);
    expect(restored).not.toContain(running); // its worker kept reporting it: left alone
    const { value } = await stack.request('GET', `/jobs/${queued[2]}`);
    expect(value.body.run.stdout).toBe('doneq2\n');
  });
});
