import { eventually } from './support/eventually';
import { RecoveryStack, sleeper } from './support/recovery-stack';

jest.setTimeout(60_000);

const FAST_MS = 3000;

let stack: RecoveryStack;
beforeAll(async () => {
  stack = await RecoveryStack.start('postgres');
  await stack.startWorker('a', { RUNQ_WORKER_CONCURRENCY: '1' });
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

async function untilLogged(pattern: RegExp, ms: number): Promise<void> {
  await eventually(() => stack.workerLines(pattern).length > 0, { timeoutMs: ms, message: `no worker logged ${pattern} within ${ms} ms` });
}

describe('Postgres outage', () => {
  it('answers a fast 503 on every database-backed endpoint while Postgres is down, and recovers', async () => {
    const id = await stack.submit(sleeper(0));
    await stack.waitForRow(id, (r) => r.status === 'completed');
    await stack.postgres.stop();
    try {
      for (const [method, path, body] of [
        ['POST', '/jobs', sleeper(0)],
        ['POST', '/execute', sleeper(0)],
        ['POST', '/jobs/batch', { jobs: [sleeper(0)] }],
        ['GET', `/jobs/${id}`, undefined],
        ['GET', '/jobs?limit=5', undefined],
        ['GET', `/jobs?ids=${id}`, undefined],
        ['POST', `/jobs/${id}/cancel`, undefined],
        ['GET', '/webhooks/secret', undefined],
        ['GET', '/health/ready', undefined],
      ] as const) {
        const { value, ms } = await stack.request(method, path, body);
        expect({ path, status: value.status }).toEqual({ path, status: 503 });
        expect(ms).toBeLessThan(FAST_MS);
        stack.measure(`${method} ${path.replace(/[0-9a-f-]{36}/, ':id')} while down (${value.status})`, ms);
      }
    } finally {
      await stack.postgres.start();
    }
    // The pool drops its dead connections and opens new ones: reads work again within seconds.
    await eventually(async () => expect((await stack.request('GET', `/jobs/${id}`)).value.status).toBe(200), {
      timeoutMs: 15_000,
      intervalMs: 200,
    });
  });

  it('loses nothing: a result finished during the outage is written afterwards without a second run, and a job taken during it waits', async () => {
    const finishing = await stack.submit(sleeper(5, 'finishing'));
    await stack.waitForRow(finishing, (r) => r.status === 'running', 20_000);
    const waiting = await stack.submit(sleeper(0, 'waiting')); // in the queue behind it (concurrency 1)

    await stack.postgres.stop();
    try {
      // A second worker starts during the outage and takes the waiting job, which it cannot claim yet.
      await stack.startWorker('b', { RUNQ_WORKER_CONCURRENCY: '1' });
      await untilLogged(new RegExp(`job ${finishing}: database unavailable, retrying the write`), 20_000);
      await untilLogged(new RegExp(`job ${waiting}: database unavailable, retrying in`), 20_000);
      // Deliberate: the outage goes on a while after both are retrying, so the retries must keep going.
      await new Promise((r) => setTimeout(r, 2000));
    } finally {
      await stack.postgres.start();
    }

    await stack.waitForAll([finishing, waiting], 'completed', 30_000);
    expect(await stack.row(finishing)).toMatchObject({ attempts: 1, outcome: 'ok', worker_id: stack.workerId('a') });
    expect(await stack.row(waiting)).toMatchObject({ attempts: 1, outcome: 'ok' });
    const completions = await stack.postgres.completions([finishing, waiting]);
    for (const id of [finishing, waiting]) {
      expect(completions.get(id)).toBe(1);
      expect(stack.writtenResults(id)).toBe(1);
    }
    const { value } = await stack.request('GET', `/jobs/${finishing}`);
    expect(value.body.run.stdout).toBe('donefinishing\n');
    const [{ n }] = await stack.postgres.query<{ n: string }>("SELECT count(*) AS n FROM jobs WHERE status IN ('queued', 'running')");
    expect(Number(n)).toBe(0);
  });
});
