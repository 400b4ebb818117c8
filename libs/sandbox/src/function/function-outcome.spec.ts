import type { StageResult } from '#contracts';
import type { InterpretedRun } from '../execution/run.types';
import { functionOutcome, typescriptCompileError } from './function-outcome';

const stage: StageResult = {
  stdout: '',
  stderr: '',
  encoding: 'utf8',
  exitCode: 0,
  signal: null,
  wallMs: 1,
  cpuMs: 1,
  memoryBytes: 1,
  truncated: false,
};
const ran = (outcome: InterpretedRun['outcome'], message: string | null = null): InterpretedRun => ({
  outcome,
  message,
  run: stage,
  stdoutBytes: Buffer.alloc(0),
  warm: false,
});
const log = (ts: string, message: string) => ({ ts, level: 'info' as const, message });

describe('functionOutcome', () => {
  it('returns the value with data URIs and merges harness and egress logs in time order', async () => {
    const frame = {
      status: 'ok' as const,
      result: { img: { $bytes: Buffer.from('hi').toString('base64') } },
      logs: [log('2026-01-01T00:00:02.000Z', 'b')],
      logsTruncated: false,
    };
    const judged = await functionOutcome(ran('runtime_error', 'exited with code 1'), frame, [log('2026-01-01T00:00:01.000Z', 'a')]);
    expect(judged.outcome).toBe('ok');
    expect(judged.function.result).toEqual({ img: 'data:text/plain;base64,aGk=' });
    expect(judged.function.logs.map((l) => l.message)).toEqual(['a', 'b']);
  });

  it('keeps the sandbox limits first and reports a run without a frame as runtime_error', async () => {
    const frame = { status: 'ok' as const, result: 1, logs: [], logsTruncated: false };
    expect((await functionOutcome(ran('timeout', 'time limit of 5000 ms exceeded'), frame, [])).outcome).toBe('timeout');
    const none = await functionOutcome(ran('runtime_error', 'exited with code 3'), null, []);
    expect(none).toMatchObject({ outcome: 'runtime_error', function: { result: null, error: { name: 'Error' } } });
    expect(none.message).toMatch(/did not return: the process exited with code 3/);
  });

  it('maps harness errors to runtime_error and compile_error', async () => {
    const error = { name: 'TypeError', message: 'bad', stack: 'TypeError: bad', line: 2, column: 3 };
    const thrown = await functionOutcome(ran('runtime_error'), { status: 'error', error, logs: [], logsTruncated: false }, []);
    expect(thrown).toMatchObject({ outcome: 'runtime_error', message: 'TypeError: bad', function: { error } });
    const syntax = await functionOutcome(ran('runtime_error'), { status: 'compile_error', error, logs: [], logsTruncated: false }, []);
    expect(syntax.outcome).toBe('compile_error');
  });

  it('reads the first tsc diagnostic with its position', () => {
    const compile = { ...stage, stdout: "main.ts(2,9): error TS1109: Expression expected.\nmain.ts(3,1): error TS1005: ';' expected.\n" };
    expect(typescriptCompileError(compile, 'compilation failed with exit code 2').error).toEqual({
      name: 'CompileError',
      message: 'TS1109: Expression expected. (main.ts:2:9)',
      stack: null,
      line: 2,
      column: 9,
    });
    const late = typescriptCompileError({ ...stage, stdout: '' }, 'compilation exceeded the compile time limit of 30000 ms');
    expect(late.error).toMatchObject({ message: 'compilation exceeded the compile time limit of 30000 ms', line: null });
  });
});
