import type { Job } from '../job';
import type { StageResult } from '#contracts';
import { ALL_FIELDS, DEFAULT_FIELDS } from './judge0-fields';
import { judge0CallbackBody, renderSubmission } from './judge0-submission.mapper';

const stage = (over: Partial<StageResult> = {}): StageResult => ({
  stdout: '',
  stderr: '',
  encoding: 'utf8',
  exitCode: 0,
  signal: null,
  wallMs: 12,
  cpuMs: 2,
  memoryBytes: 8 * 1024 * 1024,
  truncated: false,
  ...over,
});

const job = (over: Partial<Job> = {}): Job =>
  ({
    id: '2e5b1a60-5f0c-4c7e-9a57-8c1b0d0f9e21',
    apiKeyId: null,
    status: 'completed',
    outcome: 'ok',
    language: 'python',
    version: '3.13.5',
    files: [{ name: 'main.py', content: Buffer.from('print(1)').toString('base64'), encoding: 'base64' }],
    stdin: '',
    args: ['a b', 'c'],
    compileOptions: [],
    limits: { timeoutMs: 10000, cpuTimeMs: 5000, memoryMb: 128, cpus: 1, processes: 64, outputBytes: 65536 },
    encoding: 'base64',
    expectedOutput: null,
    comparison: null,
    tests: null,
    compile: null,
    run: stage({ stdout: 'hello\n' }),
    testResults: null,
    summary: null,
    timings: null,
    functionCall: null,
    network: null,
    functionResult: null,
    callbackUrl: null,
    callback: null,
    message: null,
    attempts: 1,
    workerId: null,
    createdAt: new Date('2026-12-07T10:00:00Z'),
    startedAt: new Date('2026-12-07T10:00:00.100Z'),
    finishedAt: new Date('2026-12-07T10:00:00.250Z'),
    ...over,
  }) as Job;

const language = () => ({ id: 71, name: 'Python (3.13.5)' });
const render = (row: Job, fields = ALL_FIELDS as readonly (typeof ALL_FIELDS)[number][], base64 = false) =>
  renderSubmission(row, { fields, base64, language });

describe('renderSubmission', () => {
  it('gives exactly the 35 Judge0 fields for *, in Judge0 units, timestamps with milliseconds and Z', () => {
    const view = render(job());
    expect(view.ok).toBe(true);
    const body = (view as { body: Record<string, unknown> }).body;
    expect(Object.keys(body)).toEqual([...ALL_FIELDS]);
    expect(body).toMatchObject({
      source_code: 'print(1)',
      stdout: 'hello\n',
      stderr: null,
      compile_output: null,
      stdin: null,
      status: { id: 3, description: 'Accepted' },
      status_id: 3,
      language: { id: 71, name: 'Python (3.13.5)' },
      language_id: 71,
      time: '0.002',
      wall_time: '0.012',
      memory: 8192,
      cpu_time_limit: '5.0',
      wall_time_limit: '10.0',
      memory_limit: 131072,
      exit_code: 0,
      exit_signal: null,
      command_line_arguments: "'a b' c",
      created_at: '2026-12-07T10:00:00.000Z',
      finished_at: '2026-12-07T10:00:00.250Z',
    });
  });

  it('encodes every text field, message included, with base64_encoded', () => {
    const row = job({ outcome: 'runtime_error', run: stage({ stdout: 'x', stderr: 'boom', exitCode: 2 }) });
    const view = render(row, ['stdout', 'stderr', 'message', 'status', 'exit_code'], true);
    expect(view).toEqual({
      ok: true,
      body: {
        stdout: 'eA==',
        stderr: Buffer.from('boom').toString('base64'),
        message: Buffer.from('Exited with error status 2').toString('base64'),
        status: { id: 11, description: 'Runtime Error (NZEC)' },
        exit_code: 2,
      },
    });
  });

  it('answers invalid UTF-8 only in base64; valid UTF-8 as text', () => {
    const binary = job({ run: stage({ stdout: Buffer.from([0xff]).toString('base64'), encoding: 'base64' }) });
    expect(render(binary, DEFAULT_FIELDS)).toEqual({ ok: false, token: binary.id });
    expect(render(binary, DEFAULT_FIELDS, true).ok).toBe(true);
    expect(render(binary, ['status'])).toMatchObject({ ok: true });
    const text = job({ run: stage({ stdout: 'héllo ✓' }) });
    expect(render(text, ['stdout'])).toEqual({ ok: true, body: { stdout: 'héllo ✓' } });
  });

  it('leaves run fields null for a compilation error and for a submission still in the queue', () => {
    const compileError = job({ outcome: 'compile_error', compile: stage({ stderr: 'main.c:1: error', exitCode: 1 }), run: null });
    expect(render(compileError, ['status_id', 'compile_output', 'stdout', 'time', 'exit_code', 'message'])).toEqual({
      ok: true,
      body: { status_id: 6, compile_output: 'main.c:1: error', stdout: null, time: null, exit_code: null, message: null },
    });
    const queued = job({ status: 'queued', outcome: null, run: null, finishedAt: null });
    expect(render(queued, ['status', 'finished_at', 'time'])).toEqual({
      ok: true,
      body: { status: { id: 1, description: 'In Queue' }, finished_at: null, time: null },
    });
  });

  it('merges stderr into stdout in arrival order for redirect_stderr_to_stdout, bytes exact', () => {
    const binary = Buffer.from([0xff, 0x00, 0x0a]);
    const run = stage({
      stdout: Buffer.from('a\nb\n').toString('base64'),
      stderr: Buffer.concat([Buffer.from('E1\n'), binary]).toString('base64'),
      encoding: 'base64',
      outputOrder: [2, -3, 2, -3],
    });
    const fields = ['stdout', 'stderr', 'redirect_stderr_to_stdout'] as const;
    const merged = render(job({ run, redirectStderr: true }), fields, true);
    expect(merged).toEqual({
      ok: true,
      body: {
        stdout: Buffer.concat([Buffer.from('a\nE1\nb\n'), binary]).toString('base64'),
        stderr: null,
        redirect_stderr_to_stdout: true,
      },
    });
    // The same run without the flag keeps the streams apart; the binary stderr needs base64 either way.
    expect(render(job({ run }), fields, true)).toMatchObject({
      body: { stdout: Buffer.from('a\nb\n').toString('base64'), stderr: expect.any(String) },
    });
    expect(render(job({ run, redirectStderr: true }), fields)).toEqual({ ok: false, token: job().id });
  });

  it('gives the means of a repeated run for time, wall_time and memory, and its number_of_runs', () => {
    const run = stage({ stdout: 'last\n', repeated: { runs: 3, wallMs: 20.5, cpuMs: 10.3, memoryBytes: 3 * 1024 * 1024 } });
    expect(render(job({ run, runs: 3 }), ['number_of_runs', 'time', 'wall_time', 'memory', 'stdout'])).toEqual({
      ok: true,
      body: { number_of_runs: 3, time: '0.0103', wall_time: '0.0205', memory: 3072, stdout: 'last\n' },
    });
    expect(render(job(), ['number_of_runs', 'redirect_stderr_to_stdout', 'time'])).toEqual({
      ok: true,
      body: { number_of_runs: 1, redirect_stderr_to_stdout: false, time: '0.002' },
    });
  });
});

describe('judge0CallbackBody', () => {
  it("is Judge0's PUT body: the 8 default fields, base64", () => {
    expect(judge0CallbackBody(job())).toEqual({
      token: job().id,
      time: '0.002',
      memory: 8192,
      stdout: Buffer.from('hello\n').toString('base64'),
      stderr: null,
      compile_output: null,
      message: null,
      status: { id: 3, description: 'Accepted' },
    });
  });
});
