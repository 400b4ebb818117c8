import type { StageResult } from '#contracts';
import { repetitionOf } from './run-repetition';

const run = (wallMs: number | null, cpuMs: number | null, memoryBytes: number | null): StageResult => ({
  stdout: '',
  stderr: '',
  encoding: 'utf8',
  exitCode: 0,
  signal: null,
  wallMs,
  cpuMs,
  memoryBytes,
  truncated: false,
});

describe('repetitionOf', () => {
  it('counts the runs made and gives their means, times to 0.1 ms and memory to the byte', () => {
    expect(repetitionOf([run(10, 4, 1000), run(20, 5, 2001), run(31, 5, 3000)])).toEqual({
      runs: 3,
      wallMs: 20.3,
      cpuMs: 4.7,
      memoryBytes: 2000,
    });
  });

  it('averages only the figures that are known, null when none is', () => {
    expect(repetitionOf([run(10, null, null), run(null, null, 4096)])).toEqual({ runs: 2, wallMs: 10, cpuMs: null, memoryBytes: 4096 });
  });
});
