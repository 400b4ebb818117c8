import type { Job } from '../job';
import { classifyJob, JUDGE0_STATUSES, signalNumber } from './judge0-status';

const run = (signal: string | null, exitCode: number | null) => ({ signal, exitCode }) as Job['run'];
const classify = (status: Job['status'], outcome: Job['outcome'], stage: Job['run'] = null) =>
  classifyJob({ status, outcome, run: stage }).id;

describe('classifyJob', () => {
  it('maps runq statuses and outcomes onto the 14 Judge0 statuses', () => {
    expect(JUDGE0_STATUSES.map((s) => s.id)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(classify('queued', null)).toBe(1);
    expect(classify('running', null)).toBe(2);
    expect(classify('completed', 'ok')).toBe(3);
    expect(classify('completed', 'wrong_answer')).toBe(4);
    expect(classify('completed', 'timeout')).toBe(5);
    expect(classify('completed', 'compile_error')).toBe(6);
    expect(classify('completed', 'runtime_error', run('SIGSEGV', null))).toBe(7);
    expect(classify('completed', 'runtime_error', run('SIGXFSZ', null))).toBe(8);
    expect(classify('completed', 'runtime_error', run('SIGFPE', null))).toBe(9);
    expect(classify('completed', 'runtime_error', run('SIGABRT', null))).toBe(10);
    expect(classify('completed', 'runtime_error', run(null, 1))).toBe(11);
    expect(classify('completed', 'runtime_error', run('SIGKILL', null))).toBe(12);
    expect(classify('completed', 'memory_limit')).toBe(12);
    expect(classify('completed', 'output_limit')).toBe(12);
    expect(classify('completed', 'internal_error')).toBe(13);
    expect(classify('failed', null)).toBe(13);
    expect(classify('cancelled', null)).toBe(13);
  });

  it('gives signal numbers for exit_signal', () => {
    expect([signalNumber('SIGSEGV'), signalNumber('SIGKILL'), signalNumber(null), signalNumber('SIGNOPE')]).toEqual([11, 9, null, null]);
  });
});
