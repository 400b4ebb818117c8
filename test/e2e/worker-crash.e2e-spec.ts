import { eventually } from './support/eventually';
import { RecoveryStack, sleeper } from './support/recovery-stack';

// Worst cases (apps/worker/src/recovery/recovery-timings.ts): a killed worker's jobs are
// handed out again within 20 s, its containers removed within 30 s.
jest.setTimeout(60_000);

let stack: RecoveryStack;
beforeAll(async () => {
  stack = await RecoveryStack.start('crash', { RUNQ_JOB_ATTEMPTS: '2' });
  await Promise.all([stack.startWorker('a'), stack.startWorker('b')]);
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

async function runningOn(ids: string[], worker: string, ms = 20_000): Promise<string[]> {
  return eventually(
    async () => {
      const rows = await Promise.all(ids.map(async (id) => ({ id, ...(await stack.row(id)) })));
      const mine = rows.filter((r) => r.status === 'running' && r.worker_id === stack.workerId(worker)).map((r) => r.id);
      if (!mine.length) throw new Error(`no job running on worker ${worker}: ${JSON.stringify(rows)}`);
      return mine;
    },
    { timeoutMs: ms, intervalMs: 100 },
  );
}

describe('kill -9 of a worker while it runs jobs', () => {
  it('runs its jobs again on another worker, completes each exactly once, and removes its containers', async () => {
    const ids = await Promise.all([0, 1, 2, 3].map((i) => stack.submit(sleeper(4, String(i)))));
    await runningOn(ids, 'a');
    // A claimed job's container may still be starting: wait for it (bounded) before the kill.
    await eventually(async () => expect((await stack.containersOf('a')).length).toBeGreaterThan(0), { timeoutMs: 10_000 });
    await stack.killWorker('a');
    const killedAt = Date.now();
    // What it was running when it died (its rows stay so until the jobs are handed out again).
    const interrupted = await runningOn(ids, 'a', 0);

    await stack.waitForAll(ids, 'completed', 40_000);
    stack.measure('kill -9 to all jobs completed', Date.now() - killedAt);
    const completions = await stack.postgres.completions(ids);
    for (const id of ids) {
      const row = await stack.row(id);
      expect(row).toMatchObject({ status: 'completed', outcome: 'ok' });
      expect(row.attempts).toBe(interrupted.includes(id) ? 2 : 1);
      expect(completions.get(id)).toBe(1); // the row became `completed` once...
      expect(stack.writtenResults(id)).toBe(1); // ...and one worker wrote one result
    }
    const { value } = await stack.request('GET', `/jobs/${interrupted[0]}`);
    expect(value.body.run.stdout).toMatch(/^done\d\n$/);

    // Removed by the surviving worker's sweep, not by some worker starting later.
    await stack.expectNoContainersOf('a', Math.max(1000, 40_000 - (Date.now() - killedAt)));
    stack.measure('kill -9 to its containers removed', Date.now() - killedAt);
    expect(stack.workerLines(/removed \d+ sandbox container\(s\) of stopped worker/).length).toBeGreaterThan(0);
  });

  it('fails the job with a reason once its attempts are spent, and leaves no row running', async () => {
    // Workers that allow one attempt: the crash of the first is the job's last.
    expect((await stack.terminateWorker('b')).value).toBe(0);
    await stack.startWorker('c', { RUNQ_JOB_ATTEMPTS: '1' });
    const id = await stack.submit(sleeper(30));
    await runningOn([id], 'c');
    await stack.startWorker('d', { RUNQ_JOB_ATTEMPTS: '1' });
    await stack.killWorker('c');
    const killedAt = Date.now();

    const row = await stack.waitForRow(id, (r) => r.status !== 'running', 35_000);
    stack.measure('kill -9 to job failed (attempts spent)', Date.now() - killedAt);
    expect(row).toMatchObject({ status: 'failed', outcome: 'internal_error', attempts: 1 });
    expect(row.message).toMatch(/attempt 1 of 1 stopped before it finished/);
    const { value } = await stack.request('GET', `/jobs/${id}`);
    expect(value.body).toMatchObject({ status: 'failed', message: row.message });
    expect(stack.writtenResults(id)).toBe(0);
    const [{ n }] = await stack.postgres.query<{ n: string }>("SELECT count(*) AS n FROM jobs WHERE status = 'running'");
    expect(Number(n)).toBe(0);
  });
});
