import { eventually } from './support/eventually';
import { RecoveryStack, sleeper } from './support/recovery-stack';

jest.setTimeout(60_000);

const GRACE_MS = 5000;

let stack: RecoveryStack;
beforeAll(async () => {
  stack = await RecoveryStack.start('shutdown', { RUNQ_SHUTDOWN_GRACE_MS: String(GRACE_MS) });
  await stack.startWorker('a');
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

describe('SIGTERM of a worker', () => {
  it('takes no new job, finishes what fits in the grace period, re-queues the rest and exits 0', async () => {
    const short = await stack.submit(sleeper(1, 'short'));
    const long = await stack.submit(sleeper(12, 'long'));
    await Promise.all([short, long].map((id) => stack.waitForRow(id, (r) => r.status === 'running', 20_000)));

    const exiting = stack.terminateWorker('a');
    await eventually(() => stack.workerLines(/SIGTERM received: shutting down/).length > 0, {
      timeoutMs: 5000,
      message: 'worker a did not begin its shutdown',
    });
    const late = await stack.submit(sleeper(0, 'late'));
    const { value: code, ms } = await exiting;

    expect(code).toBe(0);
    expect(ms).toBeLessThan(GRACE_MS + 10_000);
    stack.measure(`SIGTERM to exit with a job past the ${GRACE_MS} ms grace period`, ms);
    expect(await stack.row(short)).toMatchObject({ status: 'completed', attempts: 1, worker_id: stack.workerId('a') });
    expect(await stack.row(long)).toMatchObject({ status: 'queued', attempts: 1 }); // handed back, not left `running`
    expect(await stack.row(late)).toMatchObject({ status: 'queued', attempts: 0 }); // never taken
    await stack.expectNoContainersOf('a', 5000);

    await stack.startWorker('b');
    await stack.waitForAll([long, late], 'completed', 30_000);
    expect(await stack.row(long)).toMatchObject({ attempts: 2, worker_id: stack.workerId('b'), outcome: 'ok' });
    expect(await stack.row(late)).toMatchObject({ attempts: 1, worker_id: stack.workerId('b'), outcome: 'ok' });
    const completions = await stack.postgres.completions([short, long, late]);
    for (const id of [short, long, late]) {
      expect(completions.get(id)).toBe(1);
      expect(stack.writtenResults(id)).toBe(1);
    }
  });

  it('exits 0 at once when idle', async () => {
    const { value: code, ms } = await stack.terminateWorker('b');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5000);
    stack.measure('SIGTERM to exit when idle', ms);
    await stack.expectNoContainersOf('b', 5000);
  });
});
