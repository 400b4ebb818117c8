import { LanguageRegistry } from '#languages';
import { SandboxService } from './sandbox.service';
import { FakeRunner, request, runs, SETTINGS } from './testing/sandbox-fixtures';

const python = new LanguageRegistry().resolve('python')!;
const program = { 'main.py': 'print(input())' };

describe('SandboxService.execute with runs', () => {
  it('runs the program that many times, each in its own container, and gives the last run with the means', async () => {
    const runner = new FakeRunner([runs(0, 'one\n', '', 2_000_000), runs(0, 'two\n', '', 4_000_000), runs(0, 'three\n', '', 9_000_000)]);
    const outcome = await new SandboxService(runner, SETTINGS).execute(request(python, program, { runs: 3 }));
    expect(runner.requests).toHaveLength(3);
    expect(outcome).toMatchObject({
      outcome: 'ok',
      run: { stdout: 'three\n', wallMs: 9, repeated: { runs: 3, wallMs: 5, cpuMs: 1, memoryBytes: 4096 } },
    });
  });

  it('stops at the first run that is not ok', async () => {
    const runner = new FakeRunner([runs(0, 'fine\n'), runs(3, '', 'boom\n'), runs(0)]);
    const outcome = await new SandboxService(runner, SETTINGS).execute(request(python, program, { runs: 3 }));
    expect(runner.requests).toHaveLength(2);
    expect(outcome).toMatchObject({ outcome: 'runtime_error', run: { exitCode: 3, stderr: 'boom\n', repeated: { runs: 2 } } });
  });

  it('counts a wrong answer as a run that is not ok', async () => {
    const runner = new FakeRunner([runs(0, '4\n'), runs(0, '4\n')]);
    const outcome = await new SandboxService(runner, SETTINGS).execute(
      request(python, program, { runs: 2, expectedOutput: Buffer.from('5\n') }),
    );
    expect(runner.requests).toHaveLength(1);
    expect(outcome).toMatchObject({ outcome: 'wrong_answer', run: { stdout: '4\n', repeated: { runs: 1 } } });
  });

  it('leaves a single run as it was, without means', async () => {
    const outcome = await new SandboxService(new FakeRunner([runs(0, 'x\n')]), SETTINGS).execute(request(python, program, { runs: 1 }));
    expect(outcome).toMatchObject({ outcome: 'ok', run: { stdout: 'x\n' } });
    expect(outcome.cancelled ? null : outcome.run).not.toHaveProperty('repeated');
  });
});
