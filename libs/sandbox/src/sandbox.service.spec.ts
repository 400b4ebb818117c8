import type { JobLimits } from '#contracts';
import { LanguageRegistry } from '#languages';
import { SandboxService } from './sandbox.service';
import { commandOf, containerResult, FakeRunner, fileIn, inputOf, MiB, nonceOf, request, runs, SETTINGS } from './testing/sandbox-fixtures';

const python = new LanguageRegistry().resolve('python')!;

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
      expect(await commandOf(run)).toEqual(['/opt/runq/run', '1000', '1000', '0.5', 'python3', '-u', 'main.py', '--flag', 'two words']);
      expect(run.spec.Image).toBe('runq/python:latest');

      const input = await inputOf(run);
      expect(input.map((f) => f.path).sort()).toEqual([
        'tmp/runq/argv',
        'tmp/runq/limits',
        'tmp/runq/nonce',
        'tmp/runq/stdin',
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
      const limits: JobLimits = { timeoutMs: 1500, cpuTimeMs: 700, memoryMb: 200, cpus: 1.5, processes: 32, outputBytes: 4096 };
      await new SandboxService(runner, { ...SETTINGS, runtime: 'runsc' }).execute(request(python, { 'main.py': 'pass' }, { limits }));

      const [run] = runner.requests;
      expect((await commandOf(run)).slice(0, 4)).toEqual(['/opt/runq/run', '1500', '700', '1.5']);
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

    it('says where the output of a wrong answer first differs, on the run and in the message', async () => {
      const runner = new FakeRunner([runs(0, 'a\nb\n'), runs(0, 'a\nb\n')]);
      const sandbox = new SandboxService(runner, SETTINGS);
      const wrong = await sandbox.execute(request(python, { 'main.py': 'pass' }, { expectedOutput: Buffer.from('a\nc\n') }));
      expect(wrong).toMatchObject({
        outcome: 'wrong_answer',
        message: 'the output differs from the expected output: line 2, column 1: expected "c", got "b"',
        run: { diff: { line: 2, column: 1, expected: 'c', actual: 'b', encoding: 'utf8' } },
      });
      const right = await sandbox.execute(request(python, { 'main.py': 'pass' }, { expectedOutput: Buffer.from('a\nb') }));
      if (right.cancelled) throw new Error('cancelled');
      expect(right).toMatchObject({ outcome: 'ok', message: null });
      expect(right.run).not.toHaveProperty('diff');
    });

    it('returns cancelled when the container was killed for a cancel', async () => {
      const runner = new FakeRunner([() => containerResult({ statusCode: 137, killedFor: 'cancel' })]);
      const outcome = await new SandboxService(runner, SETTINGS).execute(request(python, { 'main.py': 'pass' }));
      expect(outcome).toEqual({ cancelled: true });
    });
  });
});
