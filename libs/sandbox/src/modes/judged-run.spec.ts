import type { JobLimits } from '#contracts';
import type { ExecutionRequest } from '../execution/execution.types';
import type { InterpretedRun, RunInput } from '../execution/run.types';
import { LanguageRegistry } from '#languages';
import { judge } from './judged-run';

const LIMITS: JobLimits = { timeoutMs: 1000, cpuTimeMs: 1000, memoryMb: 128, cpus: 0.5, processes: 64, outputBytes: 1024 };

function ran(stdout: string, outcome: InterpretedRun['outcome'] = 'ok', wallMs = 5): InterpretedRun {
  return {
    outcome,
    message: null,
    stdoutBytes: Buffer.from(stdout),
    warm: false,
    run: {
      stdout,
      stderr: '',
      encoding: 'utf8',
      exitCode: 0,
      signal: null,
      wallMs,
      cpuMs: 1,
      memoryBytes: 1000 + wallMs,
      truncated: false,
    },
  };
}

const request = (tests: ExecutionRequest['tests'], extra: Partial<ExecutionRequest> = {}): ExecutionRequest => ({
  jobId: 'j',
  language: new LanguageRegistry().resolve('python')!,
  files: [],
  stdin: Buffer.alloc(0),
  args: ['default'],
  limits: LIMITS,
  tests,
  ...extra,
});

const echo = async (input: RunInput) => ran(input.stdin.toString());

describe('judge', () => {
  it('passes when every case prints its expected output, in case order', async () => {
    const tests = [1, 2, 3].map((n) => ({ stdin: Buffer.from(`${n}\n`), expectedOutput: Buffer.from(`${n}`) }));
    const result = await judge(request(tests), echo, 2);
    if ('cancelled' in result) throw new Error('cancelled');
    expect(result.outcome).toBe('ok');
    expect(result.tests!.map((t) => [t.index, t.outcome, t.stdout])).toEqual([
      [0, 'ok', '1\n'],
      [1, 'ok', '2\n'],
      [2, 'ok', '3\n'],
    ]);
    expect(result.summary).toEqual({ passed: 3, total: 3, firstFailure: null, maxWallMs: 5, maxMemoryBytes: 1005 });
  });

  it('marks a differing output wrong_answer and reports the first failing case', async () => {
    const tests = ['a', 'b', 'c', 'd'].map((x) => ({
      stdin: Buffer.from(x),
      expectedOutput: Buffer.from(x === 'b' || x === 'd' ? 'X' : x),
    }));
    const result = await judge(request(tests), echo, 4);
    if ('cancelled' in result) throw new Error('cancelled');
    expect(result.tests!.map((t) => t.outcome)).toEqual(['ok', 'wrong_answer', 'ok', 'wrong_answer']);
    expect(result).toMatchObject({ outcome: 'wrong_answer', summary: { passed: 2, total: 4, firstFailure: 1 } });
    expect(result.message).toMatch(/2\/4 test cases passed; first failure: case 1/);
  });

  it('says where the output of a wrong answer first differs, on the case and in the message', async () => {
    const tests = [
      { stdin: Buffer.from('1\n2\n'), expectedOutput: Buffer.from('1\n2\n') },
      { stdin: Buffer.from('1\n2\n3\n'), expectedOutput: Buffer.from('1\n2\n4\n') },
    ];
    const result = await judge(request(tests), echo, 2);
    if ('cancelled' in result) throw new Error('cancelled');
    expect(result.tests![0]).not.toHaveProperty('diff');
    expect(result.tests![1].diff).toEqual({ line: 3, column: 1, expected: '4', actual: '3', encoding: 'utf8' });
    expect(result.message).toBe('1/2 test cases passed; first failure: case 1 (wrong_answer): line 3, column 1: expected "4", got "3"');
  });

  it("uses a case's own CPU time limit, else the job's", async () => {
    const seen: number[] = [];
    const run = async (input: RunInput) => {
      seen.push(input.limits.cpuTimeMs);
      return ran('ok');
    };
    const tests = [
      { stdin: Buffer.from(''), expectedOutput: Buffer.from('ok') },
      { stdin: Buffer.from(''), expectedOutput: Buffer.from('ok'), cpuTimeMs: 300 },
    ];
    await judge(request(tests), run, 1);
    expect(seen).toEqual([1000, 300]);
  });

  it("keeps a case's own outcome (timeout) and uses its own timeout and args", async () => {
    const seen: RunInput[] = [];
    const run = async (input: RunInput) => {
      seen.push(input);
      return input.limits.timeoutMs === 50 ? ran('', 'timeout', 60) : ran('ok');
    };
    const tests = [
      { stdin: Buffer.from(''), expectedOutput: Buffer.from('ok') },
      { stdin: Buffer.from(''), expectedOutput: Buffer.from('ok'), timeoutMs: 50, args: ['x'] },
    ];
    const result = await judge(request(tests), run, 1);
    if ('cancelled' in result) throw new Error('cancelled');
    expect(result.tests!.map((t) => t.outcome)).toEqual(['ok', 'timeout']);
    expect(result.outcome).toBe('timeout');
    expect(seen.map((s) => [s.limits.timeoutMs, s.args])).toEqual([
      [1000, ['default']],
      [50, ['x']],
    ]);
  });

  it('uses the comparison mode of the request', async () => {
    const tests = [{ stdin: Buffer.from('3.14159'), expectedOutput: Buffer.from('3.1416') }];
    const strict = await judge(request(tests), echo, 1);
    const loose = await judge(request(tests, { comparison: { mode: 'float', epsilon: 1e-4 } }), echo, 1);
    expect(!('cancelled' in strict) && strict.outcome).toBe('wrong_answer');
    expect(!('cancelled' in loose) && loose.outcome).toBe('ok');
  });

  it('never runs more cases at once than allowed', async () => {
    let inFlight = 0;
    let peak = 0;
    const run = async () => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return ran('');
    };
    const tests = Array.from({ length: 10 }, () => ({ stdin: Buffer.alloc(0), expectedOutput: Buffer.alloc(0) }));
    await judge(request(tests), run, 3);
    expect(peak).toBe(3);
  });

  it('reports cancellation when a case was cancelled', async () => {
    const tests = [{ stdin: Buffer.alloc(0), expectedOutput: Buffer.alloc(0) }];
    await expect(judge(request(tests), async () => ({ cancelled: true as const }), 1)).resolves.toEqual({ cancelled: true });
  });
});
