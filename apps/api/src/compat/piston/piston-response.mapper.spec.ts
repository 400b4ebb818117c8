import type { StageResult } from '#contracts';
import type { Job } from '#jobs';
import { toPistonResponse } from './piston-response.mapper';

const runtime = { language: 'c', version: '14.2.0', aliases: [] };
const stage = (overrides: Partial<StageResult> = {}): StageResult => ({
  stdout: 'out',
  stderr: 'err',
  encoding: 'utf8',
  exitCode: 0,
  signal: null,
  wallMs: 12.6,
  cpuMs: 3.2,
  memoryBytes: 1000,
  truncated: false,
  ...overrides,
});
const job = (overrides: Partial<Job>): Job =>
  ({ status: 'completed', outcome: 'ok', compile: null, run: stage(), message: null, limits: { outputBytes: 10 }, ...overrides }) as Job;

describe('toPistonResponse', () => {
  it('maps an ok run, without a compile stage for an interpreted runtime', () => {
    expect(toPistonResponse(job({}), runtime, false)).toEqual({
      language: 'c',
      version: '14.2.0',
      run: {
        stdout: 'out',
        stderr: 'err',
        output: 'outerr',
        code: 0,
        signal: null,
        message: null,
        status: null,
        cpu_time: 3,
        wall_time: 13,
        memory: 1000,
      },
    });
  });

  it('answers a compile error with run = compile', () => {
    const compile = stage({ exitCode: 1, stdout: '', stderr: 'error: x' });
    const result = toPistonResponse(job({ outcome: 'compile_error', compile, run: null, message: 'compilation failed' }), runtime, true);
    expect(result.compile).toMatchObject({ status: 'RE', code: 1, stderr: 'error: x', message: 'compilation failed' });
    expect(result.run).toEqual(result.compile);
  });

  it.each([
    ['runtime_error', stage({ exitCode: 1 }), 'RE', null],
    ['runtime_error', stage({ exitCode: null, signal: 'SIGSEGV' }), 'SG', 'SIGSEGV'],
    ['timeout', stage({ exitCode: null, timeLimit: 'wall' }), 'TO', 'SIGKILL'],
    ['memory_limit', stage({ exitCode: null, signal: 'SIGKILL' }), 'SG', 'SIGKILL'],
    ['output_limit', stage({ stdout: '0123456789' }), 'OL', 'SIGKILL'],
    ['output_limit', stage({ stderr: '0123456789' }), 'EL', 'SIGKILL'],
    ['internal_error', stage(), 'XX', null],
  ] as const)('%s → %s', (outcome, run, status, signal) => {
    const result = toPistonResponse(job({ outcome, run, compile: stage(), message: 'why' }), runtime, true);
    expect(result.run).toMatchObject({ status, signal, message: 'why' });
    expect(result.compile).toMatchObject({ status: null, message: null });
  });

  it('answers XX for a job that failed before running', () => {
    const result = toPistonResponse(job({ status: 'failed', outcome: null, run: null, message: 'worker lost' }), runtime, false);
    expect(result.run).toMatchObject({ status: 'XX', message: 'worker lost', code: null, stdout: '' });
  });

  it('interleaves output in arrival order when it was recorded', () => {
    const run = stage({ stdout: 'a\nc\n', stderr: 'b\n', outputOrder: [2, -2, 2] });
    expect(toPistonResponse(job({ run }), runtime, false).run.output).toBe('a\nb\nc\n');
  });

  it('decodes output kept as base64', () => {
    const run = stage({ encoding: 'base64', stdout: Buffer.from('hi\n').toString('base64'), stderr: '' });
    expect(toPistonResponse(job({ run }), runtime, false).run.stdout).toBe('hi\n');
  });
});
