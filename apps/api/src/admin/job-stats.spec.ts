import { toSeries } from './job-stats';
import type { MinuteStatsRow } from './job-stats.repository';

const row = (minute: string, language: string | null, jobs: number, runP50: number): MinuteStatsRow => ({
  minute: new Date(minute),
  language,
  jobs,
  runP50,
  runP95: runP50 * 2,
  queueP50: 5,
  queueP95: 9,
});

describe('toSeries', () => {
  const now = new Date('2026-11-21T10:04:30Z');

  it('fills a whole minute axis ending at the current minute, oldest first', () => {
    const stats = toSeries([], now, 5);
    expect(stats.minutes).toEqual([
      '2026-11-21T10:00:00.000Z',
      '2026-11-21T10:01:00.000Z',
      '2026-11-21T10:02:00.000Z',
      '2026-11-21T10:03:00.000Z',
      '2026-11-21T10:04:00.000Z',
    ]);
    expect(stats.all.jobs).toEqual([0, 0, 0, 0, 0]);
    expect(stats.all.runP50).toEqual([null, null, null, null, null]);
    expect(stats.languages).toEqual({});
  });

  it('puts the overall rows in `all` and the others under their language', () => {
    const stats = toSeries(
      [row('2026-11-21T10:01:00Z', null, 7, 100), row('2026-11-21T10:01:00Z', 'python', 4, 80), row('2026-11-21T10:04:00Z', 'c', 3, 300)],
      now,
      5,
    );
    expect(stats.all.jobs).toEqual([0, 7, 0, 0, 0]);
    expect(stats.all.runP95).toEqual([null, 200, null, null, null]);
    expect(stats.languages.python.jobs).toEqual([0, 4, 0, 0, 0]);
    expect(stats.languages.c.runP50).toEqual([null, null, null, null, 300]);
    expect(stats.languages.c.queueP95).toEqual([null, null, null, null, 9]);
  });

  it('drops rows outside the window', () => {
    const stats = toSeries([row('2026-11-21T09:00:00Z', null, 1, 1), row('2026-11-21T10:05:00Z', null, 1, 1)], now, 5);
    expect(stats.all.jobs).toEqual([0, 0, 0, 0, 0]);
  });
});
