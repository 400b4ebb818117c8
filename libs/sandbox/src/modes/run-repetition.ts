import type { RunRepetition, StageResult } from '#contracts';

/** The mean of the known values rounded to `step` (0.1 ms as stage times are given, whole bytes), or null when none is known. */
function mean(values: readonly (number | null)[], step: number): number | null {
  const known = values.filter((v): v is number => v !== null);
  if (!known.length) return null;
  const scale = 1 / step;
  return Math.round((known.reduce((sum, v) => sum + v, 0) / known.length) * scale) / scale;
}

/** How many runs were made and their mean time and memory. */
export function repetitionOf(runs: readonly StageResult[]): RunRepetition {
  return {
    runs: runs.length,
    wallMs: mean(
      runs.map((r) => r.wallMs),
      0.1,
    ),
    cpuMs: mean(
      runs.map((r) => r.cpuMs),
      0.1,
    ),
    memoryBytes: mean(
      runs.map((r) => r.memoryBytes),
      1,
    ),
  };
}
