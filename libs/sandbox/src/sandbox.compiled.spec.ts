import { LanguageRegistry } from '#languages';
import { SandboxError } from './execution/execution.types';
import { SandboxService } from './sandbox.service';
import {
  commandOf,
  compiles,
  containerResult,
  FakeRunner,
  fileIn,
  inputOf,
  LIMITS,
  MiB,
  request,
  runs,
  SETTINGS,
} from './testing/sandbox-fixtures';

const registry = new LanguageRegistry();
const c = registry.resolve('c')!;

describe('SandboxService.execute', () => {
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
        '10000',
        '0',
        '1',
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
        'tmp/runq/limits',
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
      expect(await commandOf(run)).toEqual(['/opt/runq/run', '1000', '1000', '0.5', './main']);
      expect(run.spec.Labels).toMatchObject({ 'runq.stage': 'run' });
      const input = await inputOf(run);
      expect(input.map((f) => f.path).sort()).toEqual([
        'tmp/runq/argv',
        'tmp/runq/limits',
        'tmp/runq/nonce',
        'tmp/runq/stdin',
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
