import type { RunRepetition, StageResult } from '#contracts';

type Figure = 'wallMs' | 'cpuMs' | 'memoryBytes';

/** The mean of a figure over the runs that know it, rounded to 1/`scale` (stage times are given to 0.1 ms), or null when none does. */
function mean(runs: readonly StageResult[], figure: Figure, scale: number): number | null {
  const known = runs.map((run) => run[figure]).filter((v): v is number => v !== null);
  if (!known.length) return null;
  return Math.round((known.reduce((sum, v) => sum + v, 0) / known.length) * scale) / scale;
}

/** How many runs were made and their mean time and memory. */
export function repetitionOf(runs: readonly StageResult[]): RunRepetition {
  return { runs: runs.length, wallMs: mean(runs, 'wallMs', 10), cpuMs: mean(runs, 'cpuMs', 10), memoryBytes: mean(runs, 'memoryBytes', 1) };
}
