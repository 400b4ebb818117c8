import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import type { JobLimits } from '#contracts';
import type { ContainerRunner, ContainerRunRequest, ContainerRunResult } from '../docker/container-runner';
import { packArchive, unpackArchive, type ArchiveFile } from '../docker/job-archive';
import { LanguageRegistry } from '#languages';
import type { LanguageDefinition } from '#languages';
import { SandboxError, type ExecutionRequest, type ExecutionSettings } from './execution.types';
import { SandboxService } from './sandbox.service';
import { interpretRun } from './stage-result';

const MiB = 1024 * 1024;
const NONCE = 'feedfacefeedfacefeedfacefeedface';
const LIMITS: JobLimits = { timeoutMs: 1000, memoryMb: 128, cpus: 0.5, processes: 64, outputBytes: 1024 };
const SETTINGS: ExecutionSettings = {
  imagePrefix: 'runq/',
  runtime: 'runc',
  compile: { timeoutMs: 10_000, memoryMb: 512 },
  startGraceMs: 2000,
  testParallelism: 2,
};

const registry = new LanguageRegistry();
const python = registry.resolve('python')!;
const c = registry.resolve('c')!;

const trailer = (nonce: string, code: number, wallNs: number, cpuNs = 1_000_000, memBytes = 4096) =>
  `\n${nonce} ${code} ${wallNs} ${cpuNs} ${memBytes}\n`;

function containerResult(overrides: Partial<ContainerRunResult> = {}): ContainerRunResult {
  return {
    statusCode: 0,
    oomKilled: false,
    killedFor: null,
    stdout: Buffer.alloc(0),
    stderr: Buffer.alloc(0),
    stdoutOverflow: false,
    stderrOverflow: false,
    wallMs: 12.34,
    ...overrides,
  };
}

type Script = (request: ContainerRunRequest) => ContainerRunResult | Promise<ContainerRunResult>;

/** Records every container it is asked to run and answers from a script, one entry per call. */
class FakeRunner implements ContainerRunner {
  readonly requests: ContainerRunRequest[] = [];

  constructor(private readonly script: Script[]) {}

  async run(request: ContainerRunRequest): Promise<ContainerRunResult> {
    const step = this.script[this.requests.length];
    this.requests.push(request);
    if (!step) throw new Error(`unexpected container run #${this.requests.length}`);
    return step(request);
  }
}

const inputOf = (request: ContainerRunRequest) => unpackArchive(Readable.from([request.input]), request.input.length);

async function fileIn(request: ContainerRunRequest, path: string): Promise<ArchiveFile | undefined> {
  return (await inputOf(request)).find((f) => f.path === path);
}

/** The stage's command as the runner will see it: its fixed Cmd, then the timeout and argv from the tar. */
async function commandOf(request: ContainerRunRequest): Promise<string[]> {
  const timeout = (await fileIn(request, 'tmp/runq/timeout'))?.data.toString() ?? '';
  const quoted = (await fileIn(request, 'tmp/runq/argv'))?.data.toString() ?? '';
  const argv = execFileSync('sh', ['-c', `eval "set -- $1"; printf '%s\\0' "$@"`, 'sh', quoted]).toString().split('\0').slice(0, -1);
  return [...(request.spec.Cmd as string[]), timeout, ...argv];
}

async function nonceOf(request: ContainerRunRequest): Promise<string> {
  const file = await fileIn(request, 'tmp/runq/nonce');
  if (!file) throw new Error('the run stage input has no nonce');
  return file.data.toString();
}

/** A run stage that ends with `code`, having written `stdout`/`stderr`. */
function runs(code: number, stdout = '', stderr = '', wallNs = 3_000_000): Script {
  return async (request) =>
    containerResult({
      statusCode: code,
      stdout: Buffer.from(stdout),
      stderr: Buffer.from(stderr + trailer(await nonceOf(request), code, wallNs)),
    });
}

/** A compile stage whose runner reports `status` and hands back `extra` files. */
function compiles(status: string, stderr: string, extra: ArchiveFile[] = []): Script {
  return async () =>
    containerResult({
      stdout: await packArchive([
        { path: 'result/status', data: Buffer.from(`${status}\n`) },
        { path: 'result/stdout', data: Buffer.alloc(0) },
        { path: 'result/stderr', data: Buffer.from(stderr) },
        ...extra,
      ]),
    });
}

function request(language: LanguageDefinition, files: Record<string, string>, overrides: Partial<ExecutionRequest> = {}): ExecutionRequest {
  return {
    jobId: 'job-1',
    language,
    files: Object.entries(files).map(([name, text]) => ({ name, data: Buffer.from(text) })),
    stdin: Buffer.alloc(0),
    args: [],
    limits: LIMITS,
    ...overrides,
  };
}

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
      message: 'time limit of 5000 ms exceeded',
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

describe('SandboxService.execute', () => {
  describe('an interpreted language', () => {
    it('runs one container with the run command, the sources, stdin and a nonce', async () => {
      const runner = new FakeRunner([runs(0, 'out\n')]);
      const sandbox = new SandboxService(runner, SETTINGS);
      const outcome = await sandbox.execute(
        request(
          python,
          { 'main.py': 'print(input())', 'lib/util.py': 'X = 1' },
          { stdin: Buffer.from('typed\n'), args: ['--flag', 'two words'] },
        ),
      );

      expect(runner.requests).toHaveLength(1);
      const [run] = runner.requests;
      expect(run.spec.Cmd).toEqual(['/opt/runq/run']);
      expect(await commandOf(run)).toEqual(['/opt/runq/run', '1.000', 'python3', '-u', 'main.py', '--flag', 'two words']);
      expect(run.spec.Image).toBe('runq/python:latest');

      const input = await inputOf(run);
      expect(input.map((f) => f.path).sort()).toEqual([
        'tmp/runq/argv',
        'tmp/runq/nonce',
        'tmp/runq/stdin',
        'tmp/runq/timeout',
        'work/lib/util.py',
        'work/main.py',
      ]);
      expect((await fileIn(run, 'work/main.py'))?.data.toString()).toBe('print(input())');
      expect((await fileIn(run, 'tmp/runq/stdin'))?.data.toString()).toBe('typed\n');
      expect(await nonceOf(run)).toMatch(/^[0-9a-f]{32}$/);

      expect(outcome).toEqual({
        outcome: 'ok',
        compile: null,
        message: null,
        run: expect.objectContaining({ stdout: 'out\n', stderr: '', exitCode: 0, wallMs: 3 }),
        timings: { sandboxMs: expect.any(Number), warm: false, runtime: 'runc' },
      });
    });

    it('runs a language with a runtime override under that runtime and reports it', async () => {
      const runner = new FakeRunner([runs(0)]);
      const service = new SandboxService(runner, { ...SETTINGS, runtimeOverrides: { python: 'runsc' } });
      const outcome = await service.execute(request(python, { 'main.py': 'pass' }));
      expect(runner.requests[0].spec.HostConfig?.Runtime).toBe('runsc');
      expect(outcome).toMatchObject({ timings: { runtime: 'runsc' } });
      expect(service.runtimeOf({ language: { ...python, id: 'ruby' } })).toBe('runc');
    });

    it('applies the job limits to the run container', async () => {
      const runner = new FakeRunner([runs(0)]);
      const limits: JobLimits = { timeoutMs: 1500, memoryMb: 200, cpus: 1.5, processes: 32, outputBytes: 4096 };
      await new SandboxService(runner, { ...SETTINGS, runtime: 'runsc' }).execute(request(python, { 'main.py': 'pass' }, { limits }));

      const [run] = runner.requests;
      expect((await commandOf(run)).slice(0, 2)).toEqual(['/opt/runq/run', '1.500']);
      expect(run.spec.HostConfig).toMatchObject({ Memory: 200 * MiB, NanoCpus: 1.5e9, Runtime: 'runsc' });
      // gVisor: the program's processes are bounded by RLIMIT_NPROC (see processLimits).
      expect(run.spec.HostConfig?.Ulimits).toContainEqual({ Name: 'nproc', Soft: 32, Hard: 32 });
      expect(run.deadlineMs).toBe(1500 + SETTINGS.startGraceMs);
      expect(run.stdoutCap).toBeGreaterThan(4096); // room for the runner's end-of-output marker
      expect(run.stderrCap).toBeGreaterThan(4096);
    });

    it('labels the container with the job, the stage and the caller labels', async () => {
      const runner = new FakeRunner([runs(0)]);
      await new SandboxService(runner, SETTINGS).execute(
        request(python, { 'main.py': 'pass' }, { jobId: 'j-42', labels: { 'runq.worker': 'w1' } }),
      );
      expect(runner.requests[0].spec.Labels).toMatchObject({
        'runq.job': 'j-42',
        'runq.stage': 'run',
        'runq.worker': 'w1',
        'runq.managed': '1',
      });
    });

    it('passes the abort signal through to the runner', async () => {
      const runner = new FakeRunner([runs(0)]);
      const controller = new AbortController();
      await new SandboxService(runner, SETTINGS).execute(request(python, { 'main.py': 'pass' }, { signal: controller.signal }));
      expect(runner.requests[0].signal).toBe(controller.signal);
    });

    it('uses a fresh nonce for every execution', async () => {
      const runner = new FakeRunner([runs(0), runs(0)]);
      const sandbox = new SandboxService(runner, SETTINGS);
      await sandbox.execute(request(python, { 'main.py': 'pass' }));
      await sandbox.execute(request(python, { 'main.py': 'pass' }));
      expect(await nonceOf(runner.requests[0])).not.toBe(await nonceOf(runner.requests[1]));
    });

    it('maps the program exit code to runtime_error', async () => {
      const runner = new FakeRunner([runs(1, '', 'Traceback\n')]);
      const outcome = await new SandboxService(runner, SETTINGS).execute(request(python, { 'main.py': 'raise' }));
      expect(outcome).toMatchObject({ outcome: 'runtime_error', run: { exitCode: 1, stderr: 'Traceback\n' } });
    });

    it('returns cancelled when the container was killed for a cancel', async () => {
      const runner = new FakeRunner([() => containerResult({ statusCode: 137, killedFor: 'cancel' })]);
      const outcome = await new SandboxService(runner, SETTINGS).execute(request(python, { 'main.py': 'pass' }));
      expect(outcome).toEqual({ cancelled: true });
    });
  });

  describe('a compiled language', () => {
    it("applies the language's compile limits, environment and allowlisted options", async () => {
      const kotlin = registry.resolve('kotlin')!;
      const runner = new FakeRunner([compiles('1 1000 0 0', 'error')]);
      await new SandboxService(runner, SETTINGS).execute(request(kotlin, { 'main.kt': 'fun main() {}' }));
      const [compile] = runner.requests;
      expect(compile.deadlineMs).toBe(kotlin.compileLimits!.timeoutMs! + SETTINGS.startGraceMs);
      expect(compile.spec.HostConfig).toMatchObject({ Memory: kotlin.compileLimits!.memoryMb! * MiB });
      expect(compile.spec.Env).toEqual(kotlin.env);

      const withOptions = new FakeRunner([compiles('1 1000 0 0', 'error')]);
      await new SandboxService(withOptions, SETTINGS).execute(
        request(c, { 'main.c': 'int main(){}' }, { compileOptions: ['-O0', '-Wall'] }),
      );
      const command = await commandOf(withOptions.requests[0]);
      expect(command).toEqual(expect.arrayContaining(['-O0', '-Wall']));
      expect(command.indexOf('-O0')).toBeGreaterThan(command.indexOf('-O2'));
    });

    it('returns compile_error with the compiler output and never starts a run container', async () => {
      const runner = new FakeRunner([compiles('1 1000 0 0', "main.c:1:1: error: expected ';'\n")]);
      const outcome = await new SandboxService(runner, SETTINGS).execute(request(c, { 'main.c': 'int main(' }));

      expect(runner.requests).toHaveLength(1);
      expect(outcome).toMatchObject({
        outcome: 'compile_error',
        run: null,
        message: 'compilation failed with exit code 1',
        compile: { exitCode: 1, stderr: "main.c:1:1: error: expected ';'\n", stdout: '' },
      });
    });

    it('compiles the sources in a compile container sized by the compile settings', async () => {
      const runner = new FakeRunner([compiles('1 1000 0 0', 'error')]);
      const files = { 'main.c': 'int main(void){}', 'util.c': 'int u;', 'util.h': 'extern int u;' };
      await new SandboxService(runner, SETTINGS).execute(request(c, files, { limits: { ...LIMITS, cpus: 0.5, processes: 64 } }));

      const [compile] = runner.requests;
      expect(await commandOf(compile)).toEqual([
        '/opt/runq/compile',
        '10.000',
        'gcc',
        '-O2',
        '-pipe',
        '-std=gnu17',
        '-o',
        'main',
        'util.c',
        'main.c',
        '-lm',
      ]);
      expect(compile.spec.Image).toBe('runq/gcc:latest');
      expect(compile.spec.Labels).toMatchObject({ 'runq.stage': 'compile' });
      expect(compile.spec.HostConfig).toMatchObject({ Memory: 512 * MiB, NanoCpus: 1e9, PidsLimit: 128 });
      expect(compile.deadlineMs).toBe(10_000 + SETTINGS.startGraceMs);
      expect((await inputOf(compile)).map((f) => f.path).sort()).toEqual([
        'tmp/runq/argv',
        'tmp/runq/timeout',
        'work/main.c',
        'work/util.c',
        'work/util.h',
      ]);
    });

    it('passes the compiled work/ artifacts, and only those, to the run container', async () => {
      const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]);
      const runner = new FakeRunner([
        compiles('0 250000000 200000000 1048576', '', [
          { path: 'work/main.c', data: Buffer.from('int main(void){return 0;}') },
          { path: 'work/main', data: binary, mode: 0o755 },
        ]),
        runs(0, 'done\n'),
      ]);
      const outcome = await new SandboxService(runner, SETTINGS).execute(
        request(c, { 'main.c': 'int main(void){return 0;}' }, { stdin: Buffer.from('42') }),
      );

      expect(runner.requests).toHaveLength(2);
      const run = runner.requests[1];
      expect(await commandOf(run)).toEqual(['/opt/runq/run', '1.000', './main']);
      expect(run.spec.Labels).toMatchObject({ 'runq.stage': 'run' });
      const input = await inputOf(run);
      expect(input.map((f) => f.path).sort()).toEqual([
        'tmp/runq/argv',
        'tmp/runq/nonce',
        'tmp/runq/stdin',
        'tmp/runq/timeout',
        'work/main',
        'work/main.c',
      ]);
      const main = input.find((f) => f.path === 'work/main');
      expect(main?.data.equals(binary)).toBe(true);
      expect(main?.mode).toBe(0o755);
      expect((await fileIn(run, 'tmp/runq/stdin'))?.data.toString()).toBe('42');

      expect(outcome).toMatchObject({
        outcome: 'ok',
        compile: { exitCode: 0, wallMs: 250, cpuMs: 200, memoryBytes: 1048576 },
        run: { stdout: 'done\n', exitCode: 0 },
      });
    });

    it('reports a compiler killed at the compile time limit as compile_error', async () => {
      const runner = new FakeRunner([compiles('137 10000000000 9000000000 1', '')]);
      const outcome = await new SandboxService(runner, SETTINGS).execute(request(c, { 'main.c': '#include "/dev/zero"' }));
      expect(runner.requests).toHaveLength(1);
      expect(outcome).toMatchObject({ outcome: 'compile_error', message: expect.stringContaining('10000 ms') });
    });

    it('reports a compiler that was OOM-killed as compile_error', async () => {
      const runner = new FakeRunner([() => containerResult({ statusCode: 137, oomKilled: true })]);
      const outcome = await new SandboxService(runner, SETTINGS).execute(request(c, { 'main.c': 'x' }));
      expect(runner.requests).toHaveLength(1);
      expect(outcome).toMatchObject({ outcome: 'compile_error', run: null, message: expect.stringContaining('512 MB') });
    });

    it('reports a compiler SIGKILLed at the compile memory limit as compile_error without the OOM flag', async () => {
      const runner = new FakeRunner([compiles(`137 900000000 800000000 ${512 * MiB}`, '')]);
      const outcome = await new SandboxService(runner, SETTINGS).execute(request(c, { 'main.c': 'x' }));
      expect(outcome).toMatchObject({ outcome: 'compile_error', message: 'the compiler exceeded the compile memory limit of 512 MB' });
    });

    it('throws SandboxError when the compile runner wrote no status', async () => {
      const runner = new FakeRunner([() => containerResult({ statusCode: 125, stderr: Buffer.from('tar: error') })]);
      await expect(new SandboxService(runner, SETTINGS).execute(request(c, { 'main.c': 'x' }))).rejects.toThrow(SandboxError);
      expect(runner.requests).toHaveLength(1);
    });

    it('returns cancelled when the compile container was killed for a cancel', async () => {
      const runner = new FakeRunner([() => containerResult({ statusCode: 137, killedFor: 'cancel' })]);
      const outcome = await new SandboxService(runner, SETTINGS).execute(request(c, { 'main.c': 'x' }));
      expect(outcome).toEqual({ cancelled: true });
      expect(runner.requests).toHaveLength(1);
    });

    it('returns cancelled when the run container was killed for a cancel after compiling', async () => {
      const runner = new FakeRunner([
        compiles('0 1000 0 0', '', [{ path: 'work/main', data: Buffer.from('bin'), mode: 0o755 }]),
        () => containerResult({ statusCode: 137, killedFor: 'cancel' }),
      ]);
      const outcome = await new SandboxService(runner, SETTINGS).execute(request(c, { 'main.c': 'x' }));
      expect(outcome).toEqual({ cancelled: true });
    });
  });
});
