import type { JobStats, SeriesSet } from '#contracts';
import type { MinuteStatsRow } from './job-stats.repository';

const MINUTE_MS = 60_000;

/** Lays the per-minute rows onto a full minute axis (empty minutes: 0 jobs, no latency). */
export function toSeries(rows: MinuteStatsRow[], now: Date, minutes: number): JobStats {
  const end = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const start = end - (minutes - 1) * MINUTE_MS;
  const axis = Array.from({ length: minutes }, (_, i) => start + i * MINUTE_MS);
  const empty = (): SeriesSet => ({
    jobs: axis.map(() => 0),
    runP50: axis.map(() => null),
    runP95: axis.map(() => null),
    queueP50: axis.map(() => null),
    queueP95: axis.map(() => null),
  });
  const stats: JobStats = { minutes: axis.map((t) => new Date(t).toISOString()), all: empty(), languages: {} };
  for (const row of rows) {
    const slot = (row.minute.getTime() - start) / MINUTE_MS;
    if (!Number.isInteger(slot) || slot < 0 || slot >= minutes) continue;
    const set = row.language === null ? stats.all : (stats.languages[row.language] ??= empty());
    set.jobs[slot] = row.jobs;
    set.runP50[slot] = row.runP50;
    set.runP95[slot] = row.runP95;
    set.queueP50[slot] = row.queueP50;
    set.queueP95[slot] = row.queueP95;
  }
  return stats;
}
