/**
 * What a finished job says about how its program ended, through real HTTP, worker and
 * Docker: exit codes above 128 that are not signals, real signal deaths, the CPU-time
 * limit apart from the wall clock, where a wrong answer first differs, and file names
 * that could never be laid out, refused before anything is stored.
 */
import { Client } from 'pg';
import { countJobRows } from './support/services';
import { Stack } from './support/stack';

jest.setTimeout(120_000);

let stack: Stack;
beforeAll(async () => {
  // Perl runs under gVisor, where the supervisor reads CPU time from /proc, not a cgroup.
  stack = await Stack.start('execution-report', { env: { RUNQ_RUNTIME_OVERRIDES: 'perl=runsc' } });
});
afterAll(async () => {
  await stack?.stop();
});

const execute = (body: object) => stack.request('POST', '/execute', { body });

async function sql<T extends object>(text: string, values: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('exit codes and signals', () => {
  it.each([
    ['python', 'import sys\nsys.exit(200)', 200],
    ['python', 'import sys\nsys.exit(137)', 137],
    ['bash', 'exit 254', 254],
  ])('%s: %j is exit code %i, not a signal', async (language, code, exitCode) => {
    const res = await execute({ language, code });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      outcome: 'runtime_error',
      message: `exited with code ${exitCode}`,
      run: { exitCode, signal: null, timeLimit: null },
    });
  });

  it('reports a real SIGKILL of the program as a signal', async () => {
    const res = await execute({ language: 'bash', code: 'echo before\nkill -9 $$\necho after' });
    expect(res.body).toMatchObject({
      outcome: 'runtime_error',
      message: 'killed by SIGKILL',
      run: { exitCode: 137, signal: 'SIGKILL', stdout: 'before\n', timeLimit: null },
    });
  });

  it('reports a segmentation fault as SIGSEGV', async () => {
    const res = await execute({
      language: 'c',
      code: '#include <stdio.h>\nint main(void){ puts("before"); fflush(stdout); *(volatile int*)0 = 1; return 0; }',
    });
    expect(res.body).toMatchObject({
      outcome: 'runtime_error',
      message: 'killed by SIGSEGV',
      run: { exitCode: 139, signal: 'SIGSEGV', stdout: 'before\n' },
    });
  });
});

describe('the CPU-time limit', () => {
  it('stops a busy loop after its CPU time, well before the wall clock, and says which limit', async () => {
    const res = await execute({ language: 'python', code: 'while True:\n    pass', limits: { cpuTimeMs: 500, timeoutMs: 5000, cpus: 1 } });
    expect(res.body).toMatchObject({
      outcome: 'timeout',
      message: 'CPU time limit of 500 ms exceeded',
      limits: { cpuTimeMs: 500, timeoutMs: 5000, cpus: 1 },
      run: { signal: 'SIGKILL', timeLimit: 'cpu' },
    });
    expect(res.body.run.cpuMs).toBeGreaterThanOrEqual(500);
    expect(res.body.run.cpuMs).toBeLessThan(1500);
    expect(res.body.run.wallMs).toBeLessThan(5000);
  });

  it('does not count sleeping', async () => {
    const res = await execute({ language: 'bash', code: 'sleep 2; echo awake', limits: { cpuTimeMs: 500, timeoutMs: 5000 } });
    expect(res.body).toMatchObject({ outcome: 'ok', run: { stdout: 'awake\n', timeLimit: null } });
    expect(res.body.run.wallMs).toBeGreaterThanOrEqual(2000);
    expect(res.body.run.cpuMs).toBeLessThan(500);
  });

  it.each([
    [
      'python',
      'import os\nfor _ in range(4):\n    if os.fork() == 0:\n        while True:\n            pass\nfor _ in range(4):\n    os.wait()\nprint("unreachable")',
    ],
    ['bash', 'for i in 1 2 3 4; do (while :; do :; done) & done\nwait\necho unreachable'],
  ])('counts every process: 4 forked %s busy loops are stopped when their sum reaches the limit', async (language, code) => {
    const res = await execute({ language, code, limits: { cpuTimeMs: 1000, timeoutMs: 20_000, cpus: 2 } });
    expect(res.body).toMatchObject({
      outcome: 'timeout',
      message: 'CPU time limit of 1000 ms exceeded',
      run: { timeLimit: 'cpu', stdout: '' },
    });
    // Alone, each process would have had a second of its own (RLIMIT_CPU): four seconds in all.
    expect(res.body.run.cpuMs).toBeGreaterThanOrEqual(1000);
    expect(res.body.run.cpuMs).toBeLessThan(2500);
  });

  it('holds under gVisor too: a busy loop stops at its CPU time, a sleep is not counted', async () => {
    const busy = await execute({ language: 'perl', code: '1 while 1;', limits: { cpuTimeMs: 1000, timeoutMs: 15_000, cpus: 1 } });
    expect(busy.body).toMatchObject({
      outcome: 'timeout',
      message: 'CPU time limit of 1000 ms exceeded',
      timings: { runtime: 'runsc' },
      run: { signal: 'SIGKILL', timeLimit: 'cpu' },
    });
    expect(busy.body.run.cpuMs).toBeGreaterThanOrEqual(1000);
    expect(busy.body.run.wallMs).toBeLessThan(15_000);
    const asleep = await execute({ language: 'perl', code: 'sleep 2; print "awake\\n";', limits: { cpuTimeMs: 500, timeoutMs: 15_000 } });
    expect(asleep.body).toMatchObject({ outcome: 'ok', timings: { runtime: 'runsc' }, run: { stdout: 'awake\n', timeLimit: null } });
    expect(asleep.body.run.cpuMs).toBeLessThan(500);
  });

  it('tells the wall clock apart', async () => {
    const res = await execute({ language: 'bash', code: 'sleep 10', limits: { cpuTimeMs: 500, timeoutMs: 1000 } });
    expect(res.body).toMatchObject({
      outcome: 'timeout',
      message: 'wall-clock time limit of 1000 ms exceeded',
      run: { signal: 'SIGKILL', timeLimit: 'wall' },
    });
  });

  it('gives a job that sets only timeoutMs as much CPU time, and shows the limit on the job', async () => {
    const res = await stack.request('POST', '/jobs', { body: { language: 'python', code: 'print(1)', limits: { timeoutMs: 20_000 } } });
    expect(res.status).toBe(201);
    expect(res.body.limits).toMatchObject({ timeoutMs: 20_000, cpuTimeMs: 20_000 });
  });

  it('applies a test case’s own CPU time', async () => {
    const res = await execute({
      language: 'python',
      code: 'import sys\nif sys.stdin.read().strip() == "spin":\n    while True:\n        pass\nprint("done")',
      limits: { timeoutMs: 5000 },
      tests: [
        { stdin: 'spin', expectedOutput: 'done', cpuTimeMs: 300 },
        { stdin: 'x', expectedOutput: 'done' },
      ],
    });
    expect(res.body).toMatchObject({ outcome: 'timeout', summary: { passed: 1, total: 2, firstFailure: 0 } });
    expect(res.body.tests[0]).toMatchObject({ outcome: 'timeout', timeLimit: 'cpu' });
  });

  it('presents and re-runs a job stored before the limit existed', async () => {
    const created = await execute({ language: 'python', code: 'print("again")', limits: { timeoutMs: 3000 } });
    const { id } = created.body;
    await sql(`UPDATE jobs SET limits = limits - 'cpuTimeMs' WHERE id = $1`, [id]);
    expect((await sql<{ limits: object }>('SELECT limits FROM jobs WHERE id = $1', [id]))[0].limits).not.toHaveProperty('cpuTimeMs');
    const stored = await stack.request('GET', `/jobs/${id}`);
    expect(stored.body.limits).toMatchObject({ timeoutMs: 3000, cpuTimeMs: 3000 });
    const rerun = await stack.request('POST', `/admin/api/jobs/${id}/rerun`);
    expect(rerun.status).toBe(201);
    const done = await stack.waitFor(rerun.body.id, (job) => job.status === 'completed');
    expect(done).toMatchObject({ outcome: 'ok', limits: { timeoutMs: 3000, cpuTimeMs: 3000 }, run: { stdout: 'again\n' } });
  });
});

describe('why a test failed', () => {
  it('names the line, column, expected and actual line of a plain wrong answer', async () => {
    const res = await execute({ language: 'python', code: 'print("1\\n2\\nsum = 41")', expectedOutput: '1\n2\nsum = 42\n' });
    expect(res.body).toMatchObject({
      outcome: 'wrong_answer',
      message: 'the output differs from the expected output: line 3, column 8: expected "sum = 42", got "sum = 41"',
      run: { diff: { line: 3, column: 8, expected: 'sum = 42', actual: 'sum = 41', encoding: 'utf8' } },
    });
  });

  it('names where each failing case differs, under its comparison mode', async () => {
    const res = await execute({
      language: 'python',
      code: 'n = int(input())\nprint(n * n)\nprint("done")',
      comparison: { mode: 'whitespace' },
      tests: [
        { stdin: '3', expectedOutput: '9 done' },
        { stdin: '5', expectedOutput: '24\ndone' },
        { stdin: '6', expectedOutput: '36' },
      ],
    });
    expect(res.body).toMatchObject({
      outcome: 'wrong_answer',
      summary: { passed: 1, total: 3, firstFailure: 1 },
      message: '1/3 test cases passed; first failure: case 1 (wrong_answer): line 1, column 1: expected "24", got "25"',
    });
    expect(res.body.tests[0]).not.toHaveProperty('diff');
    expect(res.body.tests[1].diff).toEqual({ line: 1, column: 1, expected: '24', actual: '25', encoding: 'utf8' });
    expect(res.body.tests[2].diff).toEqual({ line: 2, column: 1, expected: null, actual: 'done', encoding: 'utf8' });
  });

  it('gives binary lines as base64', async () => {
    const res = await execute({
      language: 'bash',
      code: 'printf "ok\\n\\377\\001\\n"',
      encoding: 'base64',
      expectedOutput: Buffer.from([0x6f, 0x6b, 0x0a, 0xff, 0x02, 0x0a]).toString('base64'),
      comparison: { mode: 'exact' },
    });
    expect(res.body).toMatchObject({ outcome: 'wrong_answer', run: { diff: { line: 2, column: 2, encoding: 'base64' } } });
    expect(Buffer.from(res.body.run.diff.actual, 'base64')).toEqual(Buffer.from([0xff, 0x01]));
    expect(Buffer.from(res.body.run.diff.expected, 'base64')).toEqual(Buffer.from([0xff, 0x02]));
  });
});

describe('file names the sandbox could not lay out', () => {
  it.each([
    [
      [
        { name: 'a', content: 'x' },
        { name: 'a/b.py', content: 'print(1)' },
      ],
      'files[1].name',
      /"a" would have to be both a file and a directory/,
    ],
    [
      [
        { name: 'a/b.py', content: 'print(1)' },
        { name: 'a', content: 'x' },
      ],
      'files[1].name',
      /"a" would have to be both a file and a directory/,
    ],
    [[{ name: '-c.py', content: 'print(1)' }], 'files[0].name', /must not start with "-"/],
  ])('refuses %j with a 400 naming %s, and stores nothing', async (files, field, message) => {
    const before = await countJobRows();
    for (const path of ['/jobs', '/execute']) {
      const res = await stack.request('POST', path, { body: { language: 'python', files } });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')} `));
      expect(res.body.message).toMatch(message);
    }
    expect(await countJobRows()).toBe(before);
  });

  it('refuses a file the compiler would overwrite, and runs files that differ only in case', async () => {
    const compiled = await stack.request('POST', '/jobs', {
      body: {
        language: 'c',
        files: [
          { name: 'main.c', content: 'int main(void){return 0;}' },
          { name: 'main', content: 'data' },
        ],
      },
    });
    expect(compiled.status).toBe(400);
    expect(compiled.body.message).toMatch(/^files\[1\]\.name "main" is a name the sandbox uses in \/work \(the c compiler writes it\)/);
    const cased = await execute({
      language: 'python',
      files: [
        { name: 'main.py', content: 'import a, A\nprint(a.X + A.X)' },
        { name: 'a.py', content: 'X = "lower"' },
        { name: 'A.py', content: 'X = "UPPER"' },
      ],
    });
    expect(cased.body).toMatchObject({ outcome: 'ok', run: { stdout: 'lowerUPPER\n' } });
  });
});
