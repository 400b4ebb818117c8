import { b64, runLikeSdk, unb64 } from './support/judge0-sdk';
import { INTERLEAVED_OUTPUT, INTERLEAVED_PYTHON } from './support/interleaved-program';
import { Stack } from './support/stack';

jest.setTimeout(300_000);

let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('judge0-runs');
});
afterAll(async () => {
  await stack?.stop();
});

/** Generous wall time: the machine may be shared and busy. */
const run = (submission: Record<string, unknown>) => runLikeSdk(stack, stack.userKey, { wall_time_limit: 20, ...submission });
const post = (path: string, body: unknown) => stack.request('POST', `/judge0${path}`, { key: stack.userKey, body });
/** runq's own view of a submission's job. */
const job = async (token: string) => (await stack.request('GET', `/jobs/${token}`, { key: stack.userKey })).body;
const streamBytes = (text: string, encoding: string) => Buffer.from(text, encoding === 'base64' ? 'base64' : 'utf8');

describe('Judge0: redirect_stderr_to_stdout', () => {
  it('gives stderr inside stdout in the order the program wrote them, stored with the job', async () => {
    const { stdout, stderr, merged } = INTERLEAVED_OUTPUT;
    const result = await run({ language_id: 71, source_code: b64(INTERLEAVED_PYTHON), redirect_stderr_to_stdout: true });
    expect([result.status.id, unb64(result.stdout), result.stderr, result.redirect_stderr_to_stdout]).toEqual([3, merged, null, true]);
    // Read back later, as text: the view applies the stored flag; runq's view keeps the streams apart.
    const text = await stack.request('GET', `/judge0/submissions/${result.token}?fields=stdout,stderr,redirect_stderr_to_stdout`, {
      key: stack.userKey,
    });
    expect(text.body).toEqual({ stdout: merged, stderr: null, redirect_stderr_to_stdout: true });
    expect((await job(result.token)).run).toMatchObject({ stdout, stderr });
    const plain = await run({ language_id: 71, source_code: b64(INTERLEAVED_PYTHON) });
    expect([unb64(plain.stdout), unb64(plain.stderr), plain.redirect_stderr_to_stdout]).toEqual([stdout, stderr, false]);
  });

  it('keeps binary stderr byte-exact in base64, and asks for base64 without it', async () => {
    const code = [
      'import sys, time',
      'sys.stdout.buffer.write(b"o\\n"); sys.stdout.flush(); time.sleep(0.05)',
      'sys.stderr.buffer.write(b"\\xff\\x00\\n"); sys.stderr.flush(); time.sleep(0.05)',
      'sys.stdout.buffer.write(b"\\x80end"); sys.stdout.flush()',
    ].join('\n');
    const result = await run({ language_id: 71, source_code: b64(code), redirect_stderr_to_stdout: true });
    expect(result.status.id).toBe(3);
    expect(Buffer.from(result.stdout, 'base64')).toEqual(Buffer.from([0x6f, 0x0a, 0xff, 0x00, 0x0a, 0x80, 0x65, 0x6e, 0x64]));
    expect(result.stderr).toBeNull();
    const text = await stack.request('GET', `/judge0/submissions/${result.token}?fields=stdout`, { key: stack.userKey });
    expect(text.status).toBe(400);
  });

  it('merges what each stream kept under its output cap, neither lost nor repeated', async () => {
    const code = 'import sys\nprint("o", flush=True)\nsys.stderr.write("e" * (3 * 1024 * 1024))';
    const result = await run({ language_id: 71, source_code: b64(code), redirect_stderr_to_stdout: true });
    const stage = (await job(result.token)).run;
    const kept = Buffer.concat([streamBytes(stage.stdout, stage.encoding), streamBytes(stage.stderr, stage.encoding)]);
    expect([result.status.id, stage.truncated]).toEqual([12, true]);
    const merged = Buffer.from(result.stdout, 'base64');
    expect(merged.subarray(0, 3).toString()).toBe('o\ne');
    expect(merged.length).toBe(kept.length);
    expect(merged.length).toBeLessThan(3 * 1024 * 1024);
  });
});

describe('Judge0: number_of_runs', () => {
  it('runs the program that many times and gives the means of time, wall_time and memory', async () => {
    const result = await run({ language_id: 71, source_code: b64('print(input()[::-1])'), stdin: b64('abc\n'), number_of_runs: 3 });
    expect([result.status.id, unb64(result.stdout), result.number_of_runs]).toEqual([3, 'cba\n', 3]);
    const stage = (await job(result.token)).run;
    expect(stage.repeated).toEqual({ runs: 3, wallMs: expect.any(Number), cpuMs: expect.any(Number), memoryBytes: expect.any(Number) });
    expect(Number.parseFloat(result.time)).toBeCloseTo(stage.repeated.cpuMs / 1000, 6);
    expect(Number.parseFloat(result.wall_time)).toBeCloseTo(stage.repeated.wallMs / 1000, 6);
    expect(result.memory).toBe(Math.round(stage.repeated.memoryBytes / 1024));
  });

  it('stops at the first run that is not Accepted: a wrong answer, a runtime error', async () => {
    const [wrong, failing] = await Promise.all([
      run({ language_id: 71, source_code: b64('print(1)'), expected_output: b64('2'), number_of_runs: 5 }),
      run({ language_id: 71, source_code: b64('import sys; print("x"); sys.exit(4)'), number_of_runs: 5 }),
    ]);
    expect([wrong.status.id, unb64(wrong.stdout), wrong.number_of_runs]).toEqual([4, '1\n', 5]);
    expect([failing.status.id, failing.exit_code]).toEqual([11, 4]);
    expect((await job(wrong.token)).run.repeated.runs).toBe(1);
    expect((await job(failing.token)).run.repeated.runs).toBe(1);
  });

  it('waits for all the runs with wait=true', async () => {
    const waited = await post('/submissions?wait=true&fields=status_id,stdout,number_of_runs', {
      language_id: 71,
      source_code: 'print("hi")',
      number_of_runs: 2,
    });
    expect([waited.status, waited.body]).toEqual([201, { status_id: 3, stdout: 'hi\n', number_of_runs: 2 }]);
  });

  it("refuses 0 and past max_number_of_runs with Judge0's 422, accepts the maximum", async () => {
    const config = (await stack.request('GET', '/judge0/config_info', { key: stack.userKey })).body;
    expect([config.number_of_runs, config.max_number_of_runs, config.redirect_stderr_to_stdout]).toEqual([1, 20, false]);
    const zero = await post('/submissions', { language_id: 71, source_code: 'print(1)', number_of_runs: 0 });
    expect([zero.status, zero.body]).toEqual([422, { number_of_runs: ['must be greater than 0'] }]);
    const over = await post('/submissions', { language_id: 71, source_code: 'print(1)', number_of_runs: 21 });
    expect([over.status, over.body]).toEqual([422, { number_of_runs: ['must be less than or equal to 20'] }]);
    // Without a source, only the source is wrong: 20 passes its check (and nothing runs it).
    const atMax = await post('/submissions', { language_id: 71, number_of_runs: 20 });
    expect([atMax.status, atMax.body]).toEqual([422, { source_code: ["can't be blank"] }]);
  });

  it('keeps each batch item its own number_of_runs and redirect_stderr_to_stdout', async () => {
    const created = await post('/submissions/batch', {
      submissions: [
        { language_id: 71, source_code: 'print(1)', number_of_runs: 2 },
        { language_id: 71, source_code: 'print(2)', redirect_stderr_to_stdout: true },
      ],
    });
    expect(created.status).toBe(201);
    const tokens = created.body.map((item: { token: string }) => item.token).join(',');
    const read = await stack.request('GET', `/judge0/submissions/batch?tokens=${tokens}&fields=number_of_runs,redirect_stderr_to_stdout`, {
      key: stack.userKey,
    });
    expect(read.body.submissions).toEqual([
      { number_of_runs: 2, redirect_stderr_to_stdout: false },
      { number_of_runs: 1, redirect_stderr_to_stdout: true },
    ]);
  });
});
