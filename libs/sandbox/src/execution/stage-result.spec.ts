import type { JobLimits } from '#contracts';
import type { ContainerRunResult } from '../docker/container-runner';
import { containerResult, LIMITS, MiB, trailer } from '../testing/sandbox-fixtures';
import { SandboxError } from './execution.types';
import { interpretRun, toStageResult } from './stage-result';

const NONCE = 'feedfacefeedfacefeedfacefeedface';

describe('toStageResult', () => {
  const usage = { exitCode: 0, signal: null, limit: null, wallMs: 1, cpuMs: 1, memoryBytes: 1 };

  it('keeps valid UTF-8 output as text', () => {
    const result = toStageResult(Buffer.from('héllo ✓\n'), Buffer.from('warn'), usage, null, 1, false);
    expect(result).toMatchObject({ stdout: 'héllo ✓\n', stderr: 'warn', encoding: 'utf8' });
  });

  it('returns output with NUL bytes as base64 (valid UTF-8, but not storable as JSON text in Postgres)', () => {
    const bytes = Buffer.from([0, 1, 2, 3, 4]);
    const result = toStageResult(bytes, Buffer.from('text'), null, 0, 1, false);
    expect(result.encoding).toBe('base64');
    expect(Buffer.from(result.stdout, 'base64').equals(bytes)).toBe(true);
  });

  it('returns both streams as base64 when either is not UTF-8, losing no byte', () => {
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x41, 0x0a]);
    const result = toStageResult(bytes, Buffer.from('text'), usage, null, 1, false);
    expect(result.encoding).toBe('base64');
    expect(Buffer.from(result.stdout, 'base64').equals(bytes)).toBe(true);
    expect(Buffer.from(result.stderr, 'base64').toString()).toBe('text');
  });

  it('does not call text binary because the byte cap cut a character in two', () => {
    const cut = Buffer.from('ab✓').subarray(0, 4); // '✓' is 3 bytes: keep only its first
    expect(toStageResult(cut, Buffer.alloc(0), usage, null, 1, true)).toMatchObject({ stdout: 'ab', encoding: 'utf8' });
    expect(toStageResult(cut, Buffer.alloc(0), usage, null, 1, false).encoding).toBe('base64');
  });
});

describe('interpretRun', () => {
  const interpret = (result: Partial<ContainerRunResult>, limits: Partial<JobLimits> = {}) =>
    interpretRun(containerResult(result), NONCE, { ...LIMITS, ...limits });

  it('reports ok with the usage from the trailer and stderr without it', () => {
    const { outcome, run, message } = interpret({
      stdout: Buffer.from('hello\n'),
      stderr: Buffer.from(`note${trailer(NONCE, 0, 5_000_000, 4_000_000, 2048)}`),
    });
    expect(outcome).toBe('ok');
    expect(message).toBeNull();
    expect(run).toEqual({
      stdout: 'hello\n',
      stderr: 'note',
      encoding: 'utf8',
      exitCode: 0,
      signal: null,
      wallMs: 5,
      cpuMs: 4,
      memoryBytes: 2048,
      truncated: false,
      timeLimit: null,
    });
  });

  it('reports runtime_error with the program exit code, not the container status', () => {
    const { outcome, run, message } = interpret({ statusCode: 0, stderr: Buffer.from(trailer(NONCE, 3, 1_000_000)) });
    expect(outcome).toBe('runtime_error');
    expect(run?.exitCode).toBe(3);
    expect(message).toBe('exited with code 3');
  });

  it('names the signal of a program that crashed', () => {
    const { outcome, run, message } = interpret({ statusCode: 139, stderr: Buffer.from(trailer(NONCE, 139, 1_000_000)) });
    expect(outcome).toBe('runtime_error');
    expect(run?.signal).toBe('SIGSEGV');
    expect(message).toBe('killed by SIGSEGV');
  });

  it('treats a SIGKILL well inside the time limit as a runtime error', () => {
    expect(interpret({ statusCode: 137, stderr: Buffer.from(trailer(NONCE, 137, 10_000_000)) }).outcome).toBe('runtime_error');
  });

  it('falls back to the container status and wall time when there is no trailer', () => {
    const { outcome, run } = interpret({ statusCode: 2, wallMs: 7.26 });
    expect(outcome).toBe('runtime_error');
    expect(run).toMatchObject({ exitCode: 2, wallMs: 7.3, cpuMs: null, memoryBytes: null });
  });

  it('says the sandbox stopped, not the program, when a gVisor sandbox dies without the report', () => {
    // A fork bomb under runsc: the pids backstop stops the sandbox kernel, status 2, no trailer.
    const { outcome, message } = interpret({ statusCode: 2 });
    expect(outcome).toBe('runtime_error');
    expect(message).toMatch(/^the sandbox stopped before the program ended \(container exit status 2\)/);
    // A program that kills the runner (kill -KILL -1), or an OOM kill of a gVisor sandbox the engine missed.
    expect(interpret({ statusCode: 137 })).toMatchObject({
      outcome: 'runtime_error',
      message: expect.stringMatching(/^the sandbox was killed \(SIGKILL\)/),
    });
    // The program's own SIGKILL, reported by the runner, stays as it was.
    expect(interpret({ statusCode: 137, stderr: Buffer.from(trailer(NONCE, 137, 10_000_000)) }).message).toBe('killed by SIGKILL');
  });

  it('reports timeout for a SIGKILLed container past the time limit whose runner could not report', () => {
    // Seen under runc with a fork bomb: the pids limit left the runner no process for its report.
    expect(interpret({ statusCode: 137, wallMs: 5910 }, { timeoutMs: 5000 })).toMatchObject({
      outcome: 'timeout',
      message: 'wall-clock time limit of 5000 ms exceeded',
    });
    expect(interpret({ statusCode: 137, wallMs: 300 }, { timeoutMs: 5000 }).outcome).toBe('runtime_error');
  });

  it('reports memory_limit for a SIGKILL at the memory limit that Docker did not flag as OOM', () => {
    // Seen under runc: the OOM event reached Docker after the container had exited.
    const atLimit = trailer(NONCE, 137, 386_000_000, 300_000_000, 64 * MiB);
    expect(interpret({ statusCode: 137, stderr: Buffer.from(atLimit) }, { memoryMb: 64 })).toMatchObject({
      outcome: 'memory_limit',
      message: 'memory limit of 64 MB exceeded',
    });
    // Well below the limit it is the program's own SIGKILL.
    const below = trailer(NONCE, 137, 386_000_000, 300_000_000, 20 * MiB);
    expect(interpret({ statusCode: 137, stderr: Buffer.from(below) }, { memoryMb: 64 }).outcome).toBe('runtime_error');
  });

  it('reports memory_limit when the container was OOM-killed', () => {
    const { outcome, message } = interpret({ statusCode: 137, oomKilled: true }, { memoryMb: 64 });
    expect(outcome).toBe('memory_limit');
    expect(message).toContain('64 MB');
  });

  it('prefers memory_limit over a timeout', () => {
    expect(interpret({ statusCode: 137, oomKilled: true, killedFor: 'timeout' }).outcome).toBe('memory_limit');
  });

  it('reports output_limit when killed for output', () => {
    const { outcome, run, message } = interpret({ statusCode: 137, killedFor: 'output', stdout: Buffer.alloc(1024, 'a') });
    expect(outcome).toBe('output_limit');
    expect(run?.truncated).toBe(true);
    expect(message).toContain('1024 bytes');
  });

  it('reports output_limit when stdout overflowed, even though the program exited 0', () => {
    const { outcome, run } = interpret({ stdoutOverflow: true, stderr: Buffer.from(trailer(NONCE, 0, 1_000_000)) });
    expect(outcome).toBe('output_limit');
    expect(run?.truncated).toBe(true);
  });

  it('cuts stderr to the output limit once the trailer is removed', () => {
    const { outcome, run } = interpret({ stderr: Buffer.from('e'.repeat(1030) + trailer(NONCE, 0, 1_000_000)) }, { outputBytes: 1024 });
    expect(outcome).toBe('output_limit');
    expect(run?.stderr).toBe('e'.repeat(1024));
  });

  it('does not count the trailer against the output limit', () => {
    const { outcome, run } = interpret({ stderr: Buffer.from('e'.repeat(1024) + trailer(NONCE, 0, 1_000_000)) }, { outputBytes: 1024 });
    expect(outcome).toBe('ok');
    expect(run?.truncated).toBe(false);
  });

  it('reports timeout when killed from outside on the deadline', () => {
    const { outcome, run, message } = interpret({ statusCode: 137, killedFor: 'timeout' }, { timeoutMs: 2500 });
    expect(outcome).toBe('timeout');
    expect(run?.exitCode).toBe(137);
    expect(message).toContain('2500 ms');
  });

  it('reports timeout when the in-container runner killed the program at the limit', () => {
    const { outcome, run } = interpret({ statusCode: 137, stderr: Buffer.from(trailer(NONCE, 137, 1_000_000_000)) }, { timeoutMs: 1000 });
    expect(outcome).toBe('timeout');
    expect(run?.wallMs).toBe(1000);
  });

  it('reports an exit status above 128 as an exit code, not a signal, when the program exited with it', () => {
    const { outcome, run, message } = interpret({ statusCode: 200, stderr: Buffer.from(trailer(NONCE, 200, 1_000_000, 1, 1, 0)) });
    expect(outcome).toBe('runtime_error');
    expect(run).toMatchObject({ exitCode: 200, signal: null, timeLimit: null });
    expect(message).toBe('exited with code 200');
    const exited137 = interpret(
      { statusCode: 137, stderr: Buffer.from(trailer(NONCE, 137, 9_000_000_000, 1, 64 * MiB, 0)) },
      { memoryMb: 64 },
    );
    expect(exited137).toMatchObject({ outcome: 'runtime_error', message: 'exited with code 137', run: { signal: null } });
  });

  it('reports the CPU time limit the runner enforced as a timeout saying so', () => {
    const cpu = trailer(NONCE, 137, 1_200_000_000, 500_000_000, 4096, 9, 'cpu');
    const { outcome, run, message } = interpret({ statusCode: 137, stderr: Buffer.from(cpu) }, { timeoutMs: 5000, cpuTimeMs: 500 });
    expect(outcome).toBe('timeout');
    expect(run).toMatchObject({ signal: 'SIGKILL', timeLimit: 'cpu', cpuMs: 500 });
    expect(message).toBe('CPU time limit of 500 ms exceeded');
  });

  it('reports the wall-clock limit the runner enforced, even before the time the host measured', () => {
    const wall = trailer(NONCE, 137, 990_000_000, 1_000_000, 4096, 9, 'wall');
    const { outcome, run, message } = interpret({ statusCode: 137, stderr: Buffer.from(wall) }, { timeoutMs: 1000, cpuTimeMs: 1000 });
    expect(outcome).toBe('timeout');
    expect(run?.timeLimit).toBe('wall');
    expect(message).toBe('wall-clock time limit of 1000 ms exceeded');
  });

  it('keeps the result of a program that ended within its limit, though the outside deadline fired after the report', () => {
    const report = trailer(NONCE, 0, 4_900_000_000);
    const late = { statusCode: 137, killedFor: 'timeout' as const, stdout: Buffer.from(`42\n\n${NONCE}\n`), stderr: Buffer.from(report) };
    expect(interpret(late, { timeoutMs: 5000 })).toMatchObject({ outcome: 'ok', message: null, run: { stdout: '42\n', timeLimit: null } });
    // Without the stdout marker the output may be incomplete: the deadline stands.
    expect(interpret({ ...late, stdout: Buffer.from('4') }, { timeoutMs: 5000 }).outcome).toBe('timeout');
  });

  it('keeps memory_limit first when the OOM killer struck a program that was also over its CPU time', () => {
    const cpu = trailer(NONCE, 137, 1_200_000_000, 500_000_000, 4096, 9, 'cpu');
    expect(interpret({ statusCode: 137, oomKilled: true, stderr: Buffer.from(cpu) }).outcome).toBe('memory_limit');
  });

  it('throws SandboxError when the runner itself failed (status 125, no trailer)', () => {
    expect(() => interpret({ statusCode: 125, stderr: Buffer.from('tar: broken') })).toThrow(SandboxError);
  });

  it('trusts a trailer saying the program itself exited 125', () => {
    const { outcome, run } = interpret({ statusCode: 125, stderr: Buffer.from(trailer(NONCE, 125, 1_000_000)) });
    expect(outcome).toBe('runtime_error');
    expect(run?.exitCode).toBe(125);
  });

  it('ignores a trailer with a nonce the runner did not issue', () => {
    const forged = trailer('0'.repeat(32), 0, 1_000_000);
    const { run } = interpret({ statusCode: 1, stderr: Buffer.from(forged) });
    expect(run?.exitCode).toBe(1);
    expect(run?.stderr).toBe(forged);
  });
});
