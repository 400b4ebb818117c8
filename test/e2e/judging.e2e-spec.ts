import { Stack } from './support/stack';

jest.setTimeout(180_000);

let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('judging');
});
afterAll(async () => {
  await stack?.stop();
});

const execute = (body: object, query = '') => stack.request('POST', `/execute${query}`, { body });

const SQUARE_C = '#include <stdio.h>\nint main(void){ long n; if (scanf("%ld", &n) != 1) return 1; printf("%ld\\n", n * n); return 0; }\n';
const SQUARE_PY = 'n = int(input())\nprint(n * n)\n';
const cases = (count: number) => Array.from({ length: count }, (_, i) => ({ stdin: `${i}\n`, expectedOutput: `${i * i}\n` }));

describe('test cases against one compile', () => {
  it.each([
    ['c', SQUARE_C],
    ['python', SQUARE_PY],
  ])('%s passes 20 cases; a compiled language compiles once', async (language, code) => {
    const res = await execute({ language, code, tests: cases(20), limits: { timeoutMs: 5000 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      outcome: 'ok',
      run: null,
      summary: { passed: 20, total: 20, firstFailure: null },
    });
    expect(res.body.tests).toHaveLength(20);
    res.body.tests.forEach((t: any, i: number) => expect(t).toMatchObject({ index: i, outcome: 'ok', stdout: `${i * i}\n`, exitCode: 0 }));
    // One compile stage for the whole job (null for Python).
    expect(res.body.compile === null).toBe(language === 'python');
    if (language === 'c') expect(res.body.compile.exitCode).toBe(0);
    expect(res.body.summary.maxWallMs).toBeGreaterThan(0);
  });

  it('detects a wrong answer and names the first failing case', async () => {
    const tests = cases(6);
    tests[3].expectedOutput = '10\n';
    tests[5].expectedOutput = '0\n';
    const res = await execute({ language: 'c', code: SQUARE_C, tests });
    expect(res.body).toMatchObject({ outcome: 'wrong_answer', summary: { passed: 4, total: 6, firstFailure: 3 } });
    expect(res.body.tests.map((t: any) => t.outcome)).toEqual(['ok', 'ok', 'ok', 'wrong_answer', 'ok', 'wrong_answer']);
    expect(res.body.message).toMatch(/4\/6 test cases passed; first failure: case 3/);
  });

  it('compares with a float tolerance when asked', async () => {
    const code = 'import math\nprint(math.pi * float(input()))';
    const tests = [
      { stdin: '1', expectedOutput: '3.14159' },
      { stdin: '2', expectedOutput: '6.28318' },
    ];
    const strict = await execute({ language: 'python', code, tests });
    expect(strict.body.outcome).toBe('wrong_answer');
    const loose = await execute({ language: 'python', code, tests, comparison: { mode: 'float', epsilon: 1e-5 } });
    expect(loose.body).toMatchObject({ outcome: 'ok', summary: { passed: 2 }, comparison: { mode: 'float', epsilon: 1e-5 } });
  });

  it('reports a case that times out while the others pass', async () => {
    const code = 'import time\nn = int(input())\nif n == 2:\n    time.sleep(30)\nprint(n * n)';
    const tests = cases(4).map((t, i) => (i === 2 ? { ...t, timeoutMs: 800 } : t));
    const res = await execute({ language: 'python', code, tests });
    expect(res.body.tests.map((t: any) => t.outcome)).toEqual(['ok', 'ok', 'timeout', 'ok']);
    expect(res.body).toMatchObject({ outcome: 'timeout', summary: { passed: 3, firstFailure: 2 } });
  });

  it('a compile error stops before any case runs', async () => {
    const res = await execute({ language: 'c', code: 'int main(void) { return nope; }', tests: cases(3) });
    expect(res.body).toMatchObject({ outcome: 'compile_error', tests: null, run: null });
  });

  it('gives wrong_answer or ok on a plain job with expectedOutput, ignoring trailing whitespace by default', async () => {
    const ok = await execute({ language: 'python', code: 'print("yes  ")\nprint()', expectedOutput: 'yes' });
    expect(ok.body.outcome).toBe('ok');
    const wrong = await execute({ language: 'python', code: 'print("no")', expectedOutput: 'yes' });
    expect(wrong.body).toMatchObject({ outcome: 'wrong_answer', run: { stdout: 'no\n', exitCode: 0 } });
    const exact = await execute({ language: 'python', code: 'print("yes")', expectedOutput: 'yes', comparison: { mode: 'exact' } });
    expect(exact.body.outcome).toBe('wrong_answer');
  });

  it('rejects too many cases and bad case fields, naming them', async () => {
    const many = await stack.request('POST', '/jobs', { body: { language: 'python', code: 'x', tests: cases(101) } });
    expect(many.status).toBe(400);
    expect(String(many.body.message)).toMatch(/tests must contain no more than 100 cases/);
    const bad = await stack.request('POST', '/jobs', { body: { language: 'python', code: 'x', tests: [{ stdin: '1' }] } });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toMatch(/tests\.0\.expectedOutput must be a string/);
    const mode = await stack.request('POST', '/jobs', {
      body: { language: 'python', code: 'x', expectedOutput: '1', comparison: { mode: 'fuzzy' } },
    });
    expect(String(mode.body.message)).toMatch(/comparison\.mode must be one of/);
  });
});

describe('batches', () => {
  it('creates the valid items in order and reports the invalid one in place', async () => {
    const res = await stack.request('POST', '/jobs/batch', {
      body: {
        jobs: [
          { language: 'python', code: 'print("a")' },
          { language: 'intercal', code: 'x' },
          { language: 'javascript', code: 'console.log("c")' },
          { language: 'python', code: 'print(1)', surprise: true },
        ],
      },
    });
    expect(res.status).toBe(200);
    const [a, bad, c, extra] = res.body.items;
    expect(a).toMatchObject({ status: 'queued', language: 'python' });
    expect(bad.error).toMatchObject({ statusCode: 400, message: expect.stringMatching(/intercal/) });
    expect(c).toMatchObject({ status: 'queued', language: 'javascript' });
    expect(JSON.stringify(extra.error.message)).toMatch(/property surprise should not exist/);

    await stack.waitFor(c.id, (job) => job.status === 'completed');
    await stack.waitFor(a.id, (job) => job.status === 'completed');
    const listed = await stack.request('GET', `/jobs?ids=${c.id},${a.id},00000000-0000-4000-8000-000000000000`);
    expect(listed.body.items.map((j: any) => j && [j.id, j.run.stdout])).toEqual([[c.id, 'c\n'], [a.id, 'a\n'], null]);
  });

  it('refuses a batch above the configured size', async () => {
    const res = await stack.request('POST', '/jobs/batch', {
      body: { jobs: Array.from({ length: 51 }, () => ({ language: 'python', code: 'x' })) },
    });
    expect(res.status).toBe(400);
    expect(String(res.body.message)).toMatch(/jobs must contain no more than 50 items/);
  });
});

describe('binary-safe input and output', () => {
  const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

  it('passes binary stdin through cat byte for byte', async () => {
    const res = await execute({ language: 'bash', code: 'cat', stdin: everyByte.toString('base64'), encoding: 'base64' });
    expect(res.body).toMatchObject({ outcome: 'ok', run: { encoding: 'base64' } });
    expect(Buffer.from(res.body.run.stdout, 'base64').equals(everyByte)).toBe(true);
  });

  it('compares binary output with a base64 expected output', async () => {
    const tests = [{ stdin: everyByte.toString('base64'), expectedOutput: everyByte.toString('base64') }];
    const res = await execute({ language: 'bash', code: 'cat', encoding: 'base64', tests, comparison: { mode: 'exact' } });
    expect(res.body).toMatchObject({ outcome: 'ok', summary: { passed: 1 } });
  });

  it('returns text output as base64 on request', async () => {
    const res = await execute({ language: 'python', code: 'print("héllo")' }, '?base64=true');
    expect(res.body.run.encoding).toBe('base64');
    expect(Buffer.from(res.body.run.stdout, 'base64').toString()).toBe('héllo\n');
    const again = await stack.request('GET', `/jobs/${res.body.id}`);
    expect(again.body.run).toMatchObject({ stdout: 'héllo\n', encoding: 'utf8' });
  });

  it('rejects malformed base64, naming the field', async () => {
    const res = await stack.request('POST', '/jobs', { body: { language: 'bash', code: 'cat', stdin: 'not base64!', encoding: 'base64' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/stdin is not valid base64/);
  });
});
