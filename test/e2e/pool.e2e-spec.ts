import { eventually } from './support/eventually';
import { find, parsePrometheus } from './support/prometheus-text';
import { Stack } from './support/stack';

jest.setTimeout(120_000);

let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('pool', { env: { RUNQ_POOL_IDLE_SIZE: '2' } });
});
afterAll(async () => {
  await stack?.stop();
});

const execute = (code: string, extra: object = {}) => stack.request('POST', '/execute', { body: { language: 'python', code, ...extra } });

/** Runs hello jobs until one comes back from a warm container (the pool sizes itself from demand). */
async function warmUp(): Promise<void> {
  await eventually(async () => (await execute('print("warm")')).body.timings?.warm === true, {
    timeoutMs: 30_000,
    intervalMs: 300,
    message: 'no warm container after 30 s of jobs',
  });
}

/** Warm containers ready in the worker's fullest pool profile (the default python one after a burst), from its metrics. */
async function warmContainers(): Promise<number> {
  const res = await fetch(stack.workerMetricsUrl, { signal: AbortSignal.timeout(10_000) });
  return Math.max(0, ...find(parsePrometheus(await res.text()), 'runq_pool_warm_containers').map((s) => s.value));
}

/** Runs a job on a warm container (warming up first), so the assertion is about pooled execution. */
async function executeWarm(code: string, extra: object = {}): Promise<any> {
  for (let i = 0; i < 5; i++) {
    await warmUp();
    const res = await execute(code, extra);
    if (res.body.timings?.warm) return res.body;
  }
  throw new Error('the job never ran on a warm container');
}

describe('warm container pool', () => {
  it('never reuses a container: files and processes of one job are gone in the next', async () => {
    const plant = [
      'import os, subprocess',
      'open("/work/left-behind", "w").write("x")',
      'open("/tmp/left-behind", "w").write("x")',
      'subprocess.Popen(["sleep", "300"], start_new_session=True)',
      'print("planted")',
    ].join('\n');
    const look = [
      'import os',
      'print(os.path.exists("/work/left-behind"), os.path.exists("/tmp/left-behind"))',
      'cmds = [open(f"/proc/{p}/cmdline", "rb").read() for p in os.listdir("/proc") if p.isdigit()]',
      'print(any(c.startswith(b"sleep") for c in cmds))',
    ].join('\n');
    for (let round = 0; round < 3; round++) {
      expect((await executeWarm(plant)).run.stdout).toBe('planted\n');
      const seen = await executeWarm(look);
      expect(seen).toMatchObject({ outcome: 'ok', timings: { warm: true } });
      expect(seen.run.stdout).toBe('False False\nFalse\n');
    }
  });

  it('enforces the time limit on a warm container', async () => {
    const res = await executeWarm('while True:\n    pass', { limits: { timeoutMs: 700 } });
    expect(res).toMatchObject({ outcome: 'timeout', timings: { warm: true } });
  });

  it('enforces the memory limit on a warm container', async () => {
    const res = await executeWarm('x = bytearray(400 * 1024 * 1024)');
    expect(res).toMatchObject({ outcome: 'memory_limit', timings: { warm: true } });
  });

  it('enforces the output limit on a warm container', async () => {
    const res = await executeWarm('import sys\nwhile True:\n    sys.stdout.write("y" * 4096)', { limits: { outputBytes: 10_000 } });
    expect(res).toMatchObject({ outcome: 'output_limit', run: { truncated: true }, timings: { warm: true } });
    expect(res.run.stdout.length).toBe(10_000);
  });

  it('enforces the process limit on a warm container', async () => {
    const code = [
      'import os, time',
      'made = 0',
      'try:',
      '    for _ in range(500):',
      '        if os.fork() == 0:',
      '            time.sleep(5)',
      '            os._exit(0)',
      '        made += 1',
      'except OSError:',
      '    pass',
      'print(made)',
    ].join('\n');
    const res = await executeWarm(code);
    expect(res.timings.warm).toBe(true);
    expect(Number(res.run.stdout)).toBeLessThan(64);
  });

  it('refills after a burst: later sequential jobs find warm containers', async () => {
    const burst = await Promise.all(Array.from({ length: 16 }, (_, i) => execute(`print(${i})`)));
    burst.forEach((res, i) => expect(res.body.run.stdout).toBe(`${i}\n`));
    await eventually(async () => (await warmContainers()) >= 4, {
      timeoutMs: 15_000,
      intervalMs: 200,
      message: 'the pool did not refill to 4',
    });
    const after = [];
    for (let i = 0; i < 4; i++) after.push((await execute('print("after")')).body.timings.warm);
    expect(after).toEqual([true, true, true, true]);
  });
});
