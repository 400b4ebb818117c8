import { readFileSync } from 'node:fs';
import { Stack } from './support/stack';

jest.setTimeout(180_000);

/** Per-language runtimes: the worker runs each language under its own runtime and refuses bad settings. */
describe('RUNQ_RUNTIME_OVERRIDES', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await Stack.start('runtime', { env: { RUNQ_RUNTIME: 'runc', RUNQ_RUNTIME_OVERRIDES: 'sh=runsc' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('runs the overridden language under gVisor and the others under runc, and says so', async () => {
    const code = 'cat /proc/version';
    const [bash, python] = await Promise.all([
      stack.request('POST', '/execute', { body: { language: 'bash', code } }),
      stack.request('POST', '/execute', { body: { language: 'python', code: 'print(open("/proc/version").read(), end="")' } }),
    ]);
    const host = readFileSync('/proc/version', 'utf8');
    expect(bash.body).toMatchObject({ outcome: 'ok', timings: { runtime: 'runsc' } });
    expect(python.body).toMatchObject({ outcome: 'ok', timings: { runtime: 'runc' } });
    // runc shares the host's kernel; gVisor answers with its own.
    expect(python.body.run.stdout).toBe(host);
    expect(bash.body.run.stdout).not.toBe(host);
  });

  it.each([
    ['an unknown language', 'intercal=runsc', /RUNQ_RUNTIME_OVERRIDES names an unknown language "intercal"; valid ids: .*python/],
    ['a runtime the engine lacks', 'python=kata', /RUNQ_RUNTIME_OVERRIDES \(python\): the Docker engine has no runtime "kata"/],
    ['a malformed entry', 'python', /RUNQ_RUNTIME_OVERRIDES entry "python" is not language=runtime/],
  ])('stops a worker configured with %s, naming the setting', async (_name, overrides, message) => {
    const start = Stack.start(`runtime-bad-${overrides.replace(/\W/g, '')}`, { env: { RUNQ_RUNTIME_OVERRIDES: overrides } });
    await expect(start).rejects.toThrow(message);
  });
});
