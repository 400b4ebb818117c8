import type { RunRepetition, StageResult } from '#contracts';

/** The mean of the known values, rounded to 1/`scale` (stage times are given to 0.1 ms), or null when none is known. */
function mean(values: readonly (number | null)[], scale: number): number | null {
  const known = values.filter((v): v is number => v !== null);
  if (!known.length) return null;
  return Math.round((known.reduce((sum, v) => sum + v, 0) / known.length) * scale) / scale;
}

/** How many runs were made and their mean time and memory. */
export function repetitionOf(runs: readonly StageResult[]): RunRepetition {
  const meanOf = (key: 'wallMs' | 'cpuMs' | 'memoryBytes', scale: number) =>
    mean(
      runs.map((r) => r[key]),
      scale,
    );
  return { runs: runs.length, wallMs: meanOf('wallMs', 10), cpuMs: meanOf('cpuMs', 10), memoryBytes: meanOf('memoryBytes', 1) };
}
