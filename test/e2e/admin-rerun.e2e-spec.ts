import { Stack } from './support/stack';

jest.setTimeout(180_000);

/** Re-run from the dashboard keeps every field of the original request: function jobs and judged, multi-file jobs. */
let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('admin-rerun');
});
afterAll(async () => {
  await stack?.stop();
});

describe('re-run', () => {
  it('re-runs a function job with its function, inputs and limits (no ReferenceError)', async () => {
    const inputs = { x: 2, nested: { words: ['a', 'b'] } };
    const original = await stack.request('POST', '/execute?waitMs=55000', {
      key: stack.userKey,
      body: {
        language: 'javascript',
        code: 'exports.run = (i) => { console.info("got", i.nested.words.length); return { answer: INPUTS.x * 21, words: i.nested.words }; };',
        function: { name: 'run', inputs },
        limits: { timeoutMs: 15_000 },
      },
    });
    expect(original.body).toMatchObject({ outcome: 'ok', result: { answer: 42, words: ['a', 'b'] } });
    const detail = await stack.request('GET', `/admin/api/jobs/${original.body.id}`);
    expect(detail.body.function).toEqual({ name: 'run', inputs });

    const rerun = await stack.request('POST', `/admin/api/jobs/${original.body.id}/rerun`);
    expect(rerun.status).toBe(201);
    const done = await stack.waitFor(rerun.body.id, (job) => job.status === 'completed' || job.status === 'failed', 90_000);
    expect(done).toMatchObject({ outcome: 'ok', result: { answer: 42, words: ['a', 'b'] }, function: { name: 'run' }, error: null });
    expect(done.logs).toEqual([expect.objectContaining({ level: 'info', message: 'got 2' })]);
    expect(done.limits.timeoutMs).toBe(15_000);
    expect((await stack.request('GET', `/admin/api/jobs/${rerun.body.id}`)).body.function).toEqual({ name: 'run', inputs });
  });

  it('re-runs a judged job with its files, arguments, compile options, limits, comparison and test cases', async () => {
    const original = await stack.request('POST', '/execute?waitMs=55000', {
      key: stack.userKey,
      body: {
        language: 'c',
        files: [
          { name: 'twice.h', content: 'static int twice(int n) { return 2 * n; }\n' },
          {
            name: 'main.c',
            content:
              '#include <stdio.h>\n#include "twice.h"\nint main(int c, char **v) { int n; scanf("%d", &n); printf("%s %d\\n", v[1], twice(n)); }\n',
          },
        ],
        entry: 'main.c',
        args: ['sum:'],
        compileOptions: ['-O2', '-Wall'],
        limits: { timeoutMs: 10_000, memoryMb: 96 },
        comparison: { mode: 'whitespace' },
        tests: [
          { stdin: '2', expectedOutput: 'sum:   4' },
          { stdin: '5', expectedOutput: 'sum: 11' },
        ],
      },
    });
    expect(original.body).toMatchObject({ outcome: 'wrong_answer', summary: { passed: 1, total: 2, firstFailure: 1 } });
    const rerun = await stack.request('POST', `/admin/api/jobs/${original.body.id}/rerun`);
    expect(rerun.status).toBe(201);
    const done = await stack.waitFor(rerun.body.id, (job) => job.status === 'completed', 90_000);
    expect(done).toMatchObject({ outcome: 'wrong_answer', summary: { passed: 1, total: 2, firstFailure: 1 }, callbackUrl: null });
    const [before, after] = await Promise.all(
      [original.body.id, rerun.body.id].map(async (id) => (await stack.request('GET', `/admin/api/jobs/${id}`)).body),
    );
    for (const field of [
      'language',
      'files',
      'stdin',
      'args',
      'compileOptions',
      'limits',
      'encoding',
      'comparison',
      'expectedOutput',
      'testCases',
    ]) {
      expect({ field, value: after[field] }).toEqual({ field, value: before[field] });
    }
    expect(after.files.map((f: { name: string }) => f.name)).toEqual(['main.c', 'twice.h']);
  });
});
