import type { JobStatus } from '#contracts';
import { retentionCutoff, sweepFinishedJobs, type FinishedJobsPurge } from './retention-sweep';

/** `total` finished jobs, deleted `limit` at a time, half completed and half failed. */
function purgeOf(total: number) {
  let left = total;
  const calls: { cutoff: Date; limit: number }[] = [];
  const purge: FinishedJobsPurge = {
    deleteFinishedBefore: async (cutoff, limit) => {
      calls.push({ cutoff, limit });
      const n = Math.min(left, limit);
      left -= n;
      const counts: Partial<Record<JobStatus, number>> = {};
      if (n) counts.completed = Math.ceil(n / 2);
      if (n > 1) counts.failed = Math.floor(n / 2);
      return counts;
    },
  };
  return { purge, calls, left: () => left };
}

const cutoff = new Date('2025-01-01T00:00:00Z');

describe('sweepFinishedJobs', () => {
  it('deletes in bounded batches until a short one, pausing between them, and reports each batch', async () => {
    const { purge, calls, left } = purgeOf(2500);
    const pauses: number[] = [];
    const removed: Partial<Record<JobStatus, number>>[] = [];
    const result = await sweepFinishedJobs(purge, cutoff, {
      batchSize: 1000,
      pauseMs: 50,
      keepGoing: async () => true,
      removed: (counts) => removed.push(counts),
      sleep: async (ms) => void pauses.push(ms),
    });
    expect(result).toEqual({ deleted: 2500, batches: 3, complete: true });
    expect(calls).toEqual([1, 2, 3].map(() => ({ cutoff, limit: 1000 })));
    expect(pauses).toEqual([50, 50]);
    expect(removed).toEqual([
      { completed: 500, failed: 500 },
      { completed: 500, failed: 500 },
      { completed: 250, failed: 250 },
    ]);
    expect(left()).toBe(0);
  });

  it('runs one cheap batch when nothing is past the retention', async () => {
    const { purge, calls } = purgeOf(0);
    const result = await sweepFinishedJobs(purge, cutoff, {
      batchSize: 1000,
      pauseMs: 0,
      keepGoing: async () => true,
      removed: () => undefined,
    });
    expect(result).toEqual({ deleted: 0, batches: 1, complete: true });
    expect(calls).toHaveLength(1);
  });

  it('asks before every batch and stops, incomplete, once told to (leadership lost, shutdown)', async () => {
    const { purge, left } = purgeOf(5000);
    let asked = 0;
    const result = await sweepFinishedJobs(purge, cutoff, {
      batchSize: 1000,
      pauseMs: 0,
      keepGoing: async () => ++asked <= 2,
      removed: () => undefined,
    });
    expect(result).toEqual({ deleted: 2000, batches: 2, complete: false });
    expect(left()).toBe(3000);
  });

  it('lets a failing batch fail the sweep (the next one starts over)', async () => {
    const purge: FinishedJobsPurge = { deleteFinishedBefore: async () => Promise.reject(new Error('connection lost')) };
    await expect(
      sweepFinishedJobs(purge, cutoff, { batchSize: 10, pauseMs: 0, keepGoing: async () => true, removed: () => undefined }),
    ).rejects.toThrow('connection lost');
  });
});

describe('retentionCutoff', () => {
  it('is that many days before now', () => {
    expect(retentionCutoff(30, new Date('2025-03-31T12:00:00Z')).toISOString()).toBe('2025-03-01T12:00:00.000Z');
  });
});
