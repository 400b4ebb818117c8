import { Queue } from 'bullmq';
import { executionsQueueName } from '../../libs/contracts/src';
import { eventually } from './support/eventually';
import { Stack } from './support/stack';
import { workersOfJobs } from './support/services';

jest.setTimeout(120_000);

// bash runs in its own pool "shell"; everything else stays in "default".
const POOLS = 'shell=bash';
let stack: Stack;
let shellWorkerId: string;

beforeAll(async () => {
  stack = await Stack.start('pools', { env: { RUNQ_POOLS: POOLS } });
  shellWorkerId = `${stack.workerId}-shell`;
  await stack.startExtraWorker('shell', { RUNQ_WORKER_POOL: 'shell', RUNQ_WORKER_CONCURRENCY: '2' });
  // The API refreshes the languages live workers offer every few seconds.
  await eventually(async () => (await stack.request('GET', '/languages')).body.find((l: any) => l.id === 'bash')?.available === true, {
    timeoutMs: 15_000,
    intervalMs: 250,
    message: 'the API never saw the shell worker',
  });
});
afterAll(async () => {
  const queue = new Queue(executionsQueueName('shell'), { connection: { url: process.env.REDIS_URL } as never });
  await queue.removeGlobalConcurrency().catch(() => undefined);
  await queue.close();
  await stack?.stop();
});

const submit = async (language: string, code: string) => {
  const res = await stack.request('POST', '/jobs', { body: { language, code } });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

describe('worker pools (RUNQ_POOLS / RUNQ_WORKER_POOL)', () => {
  it("gives each worker only the jobs of its pool's languages", async () => {
    const python = await Promise.all([1, 2, 3, 4].map((i) => submit('python', `print(${i} * 2)`)));
    const bash = await Promise.all([1, 2, 3, 4].map((i) => submit('bash', `echo $((${i} * 3))`)));
    const finished = await Promise.all([...python, ...bash].map((id) => stack.waitFor(id, (j) => j.status === 'completed')));
    expect(finished.map((j) => j.run.stdout)).toEqual(['2\n', '4\n', '6\n', '8\n', '3\n', '6\n', '9\n', '12\n']);
    const ranBy = await workersOfJobs([...python, ...bash]);
    for (const id of python) expect(ranBy[id]).toBe(stack.workerId);
    for (const id of bash) expect(ranBy[id]).toBe(shellWorkerId);
  });

  it("shows the pool of each language and each pool's backlog and workers", async () => {
    const languages = (await stack.request('GET', '/languages')).body as { id: string; pool: string; available: boolean }[];
    expect(languages.find((l) => l.id === 'bash')).toMatchObject({ pool: 'shell', available: true });
    expect(languages.find((l) => l.id === 'python')).toMatchObject({ pool: 'default', available: true });
    const shell = await stack.request('GET', '/metrics/backlog?pool=shell');
    expect(shell.body).toMatchObject({ pool: 'shell', workers: 1, capacity: 2 });
    const fallback = await stack.request('GET', '/metrics/backlog');
    expect(fallback.body).toMatchObject({ pool: 'default', workers: 1, capacity: 4 });
    const unknown = await stack.request('GET', '/metrics/backlog?pool=gpu');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('pool');
  });

  it('caps the running jobs of a pool across the fleet (RUNQ_GLOBAL_CONCURRENCY)', async () => {
    // A second shell worker that also sets the pool's cap to 1: four jobs on two workers with four slots run one by one.
    await stack.startExtraWorker('shell-capped', { RUNQ_WORKER_POOL: 'shell', RUNQ_WORKER_CONCURRENCY: '2', RUNQ_GLOBAL_CONCURRENCY: '1' });
    const ids = await Promise.all([1, 2, 3, 4].map(() => submit('bash', 'sleep 0.5; date +%s%N')));
    const jobs = await Promise.all(ids.map((id) => stack.waitFor(id, (j) => j.status === 'completed', 60_000)));
    const spans = jobs.map((j) => [Date.parse(j.startedAt), Date.parse(j.finishedAt)] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1] - 5);
  });
});
