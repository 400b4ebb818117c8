import { eventually } from './support/eventually';
import { expectNoSandboxContainers, sandboxContainers } from './support/services';
import { Stack } from './support/stack';

jest.setTimeout(120_000);

let stack: Stack;
beforeAll(async () => {
  // No worker at first, so a job stays queued for as long as the test needs.
  stack = await Stack.start('cancel', { worker: false });
});
afterAll(async () => {
  await stack?.stop();
});

describe('cancellation', () => {
  it('cancels a queued job, which then never runs', async () => {
    const created = await stack.request('POST', '/jobs', { body: { language: 'python', code: 'print("must not run")' } });
    expect(created.body.status).toBe('queued');
    const cancelled = await stack.request('POST', `/jobs/${created.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', outcome: null, run: null });

    await stack.startWorker();
    // A sentinel submitted afterwards completing shows the worker has drained what was queued before it.
    const sentinel = await stack.request('POST', '/execute', { body: { language: 'python', code: 'print("after")' } });
    expect(sentinel.body.outcome).toBe('ok');
    const after = await stack.request('GET', `/jobs/${created.body.id}`);
    expect(after.body).toMatchObject({ status: 'cancelled', attempts: 0, run: null, startedAt: null });
  });

  it('cancels a running job by killing its container', async () => {
    // A memory limit no other job uses: a cold container, labelled with the job, so its removal can be seen.
    const created = await stack.request('POST', '/jobs', {
      body: {
        language: 'python',
        code: 'import time\nprint("started", flush=True)\ntime.sleep(60)',
        limits: { timeoutMs: 60_000, memoryMb: 99 },
      },
    });
    await stack.waitFor(created.body.id, (job) => job.status === 'running');
    // Wait until the run container exists, so the kill is what ends it.
    await eventually(async () => (await sandboxContainers({ 'runq.job': created.body.id })).length > 0, {
      timeoutMs: 10_000,
      message: 'the run container did not appear',
    });
    const started = Date.now();
    const cancelled = await stack.request('POST', `/jobs/${created.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await expectNoSandboxContainers({ 'runq.job': created.body.id }, 15_000);
    expect(Date.now() - started).toBeLessThan(30_000);
    const later = await stack.request('GET', `/jobs/${created.body.id}`);
    expect(later.body.status).toBe('cancelled');
  });

  it('answers 409 for a job that already finished, and 404 for an unknown one', async () => {
    const done = await stack.request('POST', '/execute', { body: { language: 'python', code: 'print(1)' } });
    const res = await stack.request('POST', `/jobs/${done.body.id}/cancel`);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/already completed/);
    expect((await stack.request('POST', '/jobs/00000000-0000-4000-8000-000000000000/cancel')).status).toBe(404);
  });

  it('a worker stopped with SIGTERM exits 0', async () => {
    expect(await stack.stopWorker()).toBe(0);
  });
});
