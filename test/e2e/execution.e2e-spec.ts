import { expectNoSandboxContainers, sandboxContainers } from './support/services';
import { Stack } from './support/stack';

jest.setTimeout(120_000);

let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('execution');
});
afterAll(async () => {
  await stack?.stop();
});

const execute = (body: object) => stack.request('POST', '/execute', { body });

describe('programs run in the sandbox, through HTTP', () => {
  it.each([
    ['python', 'print("hello")'],
    ['javascript', 'console.log("hello")'],
    ['c', '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }'],
  ])('%s hello world', async (language, code) => {
    const res = await execute({ language, code });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      outcome: 'ok',
      language,
      run: { stdout: 'hello\n', exitCode: 0, truncated: false },
    });
    expect(res.body.run.wallMs).toBeGreaterThan(0);
    expect(res.body.attempts).toBe(1);
    expect(res.body.version).toMatch(/^\d+\.\d+/); // the toolchain that actually ran it
    expect(res.body.queueMs).toBeGreaterThanOrEqual(0);
    expect(res.body.compile === null).toBe(language !== 'c');
  });

  it('accepts aliases and echoes stdin', async () => {
    const res = await execute({
      language: 'py',
      code: 'import sys\nprint(sys.stdin.read().upper(), end="")',
      stdin: 'line one\nline two\n',
    });
    expect(res.body).toMatchObject({ language: 'python', outcome: 'ok', run: { stdout: 'LINE ONE\nLINE TWO\n' } });
  });

  it('passes args as an argv array, without a shell', async () => {
    const res = await execute({
      language: 'javascript',
      code: 'console.log(JSON.stringify(process.argv.slice(2)))',
      args: ['a b', '$(id)', '"q"', ''],
    });
    expect(JSON.parse(res.body.run.stdout)).toEqual(['a b', '$(id)', '"q"', '']);
  });

  it('reads stdin in a compiled program', async () => {
    const code = '#include <stdio.h>\nint main(void){long a,b; if(scanf("%ld %ld",&a,&b)!=2) return 1; printf("%ld\\n", a+b); return 0;}';
    const res = await execute({ language: 'c', code, stdin: '40 2\n' });
    expect(res.body).toMatchObject({ outcome: 'ok', run: { stdout: '42\n' }, compile: { exitCode: 0 } });
  });

  it('reports exit code 3 as a runtime error with its output', async () => {
    const res = await execute({ language: 'python', code: 'import sys\nprint("out")\nprint("err", file=sys.stderr)\nsys.exit(3)' });
    expect(res.body).toMatchObject({
      status: 'completed',
      outcome: 'runtime_error',
      run: { exitCode: 3, stdout: 'out\n', stderr: 'err\n', signal: null },
    });
  });

  it('reports an uncaught exception as a runtime error with the traceback', async () => {
    const res = await execute({ language: 'python', code: 'def f():\n    raise ValueError("boom")\nf()' });
    expect(res.body.outcome).toBe('runtime_error');
    expect(res.body.run.exitCode).toBe(1);
    expect(res.body.run.stderr).toMatch(/ValueError: boom/);
  });

  it('reports a compile error with the compiler output and no run stage', async () => {
    const res = await execute({ language: 'c', code: 'int main(void) { return missing; }' });
    expect(res.body).toMatchObject({ status: 'completed', outcome: 'compile_error', run: null });
    expect(res.body.compile.exitCode).not.toBe(0);
    expect(res.body.compile.stderr).toMatch(/missing/);
  });

  it('kills an infinite loop at the time limit', async () => {
    const res = await execute({ language: 'python', code: 'while True:\n    pass', limits: { timeoutMs: 1000 } });
    expect(res.body).toMatchObject({ outcome: 'timeout', run: { signal: 'SIGKILL' } });
    expect(res.body.run.wallMs).toBeGreaterThanOrEqual(1000);
  });

  it('stops a 500 MB allocation under a 128 MB limit', async () => {
    const res = await execute({
      language: 'python',
      code: 'x = bytearray(500 * 1024 * 1024)\nprint("survived")',
      limits: { memoryMb: 128 },
    });
    expect(res.body.outcome).toBe('memory_limit');
    expect(res.body.run.stdout).not.toContain('survived');
  });

  it('kills `yes` at the output cap and removes its container', async () => {
    // A memory limit no other job uses: its first run is a cold container, labelled with the job.
    const res = await execute({
      language: 'c',
      code: '#include <stdio.h>\nint main(void){ for(;;) puts("y"); }',
      limits: { outputBytes: 65536, memoryMb: 97 },
    });
    expect(res.body).toMatchObject({ outcome: 'output_limit', run: { truncated: true }, timings: { warm: false } });
    expect(res.body.run.stdout.length).toBe(65536);
    await expectNoSandboxContainers({ 'runq.job': res.body.id });
  });

  it('runs a burst of 50 concurrent jobs to completion', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => execute({ language: 'python', code: `print(${i} * 2)`, limits: { timeoutMs: 10_000 } })),
    );
    for (const [i, res] of results.entries()) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'completed', outcome: 'ok', run: { stdout: `${i * 2}\n` } });
    }
  });

  it('leaves no sandbox container behind once the worker has stopped (warm ones included)', async () => {
    const mine = { 'runq.worker': stack.workerId };
    expect((await sandboxContainers(mine)).length).toBeGreaterThan(0); // meanwhile the pool keeps warm containers
    await stack.stop();
    await expectNoSandboxContainers(mine);
  });
});
