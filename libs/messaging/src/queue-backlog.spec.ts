import { QueueBacklogReader, type BacklogQueue, type ZsetClient } from './queue-backlog';

const NOW = 1_700_000_000_000;
const score = (dueAt: number, counter = 0) => dueAt * 0x1000 + counter;

/** An in-memory stand-in for BullMQ's lists and sorted sets, with the same delayed-score encoding. */
function fakeQueue(state: {
  waiting?: { timestamp: number; processedOn?: number }[];
  prioritized?: { timestamp: number; processedOn?: number }[];
  active?: number;
  delayed?: Record<string, number>;
}): [BacklogQueue, ZsetClient] {
  const delayed = Object.entries(state.delayed ?? {}).sort((a, b) => a[1] - b[1]);
  const inRange = (max: number | string) => delayed.filter(([, s]) => s <= Number(max));
  const redis: ZsetClient = {
    zcount: async (_key: string, _min: number | string, max: number | string) => inRange(max).length,
    zrangebyscore: async (_key: string, _min: number | string, max: number | string, _l: 'LIMIT', offset: number, count: number) =>
      inRange(max)
        .slice(offset, offset + count)
        .map(([id]) => id),
    zscore: async (_key: string, id: string) => String(delayed.find(([d]) => d === id)?.[1] ?? null),
  };
  const queue: BacklogQueue = {
    toKey: (type) => `bull:executions:${type}`,
    getJobCounts: async () => ({
      waiting: state.waiting?.length ?? 0,
      prioritized: state.prioritized?.length ?? 0,
      active: state.active ?? 0,
    }),
    getJobs: async (type) => (type === 'wait' ? (state.waiting ?? []) : (state.prioritized ?? [])).slice(0, 1),
  };
  return [queue, redis];
}

describe('QueueBacklogReader', () => {
  it('reports an empty queue as zero backlog and zero age', async () => {
    const reader = new QueueBacklogReader(...fakeQueue({}), () => NOW);
    expect(await reader.read()).toEqual({ backlog: 0, waiting: 0, prioritized: 0, delayedDue: 0, active: 0, oldestWaitingAgeMs: 0 });
  });

  it('counts waiting, prioritized, due delayed and active jobs, but not delayed jobs still in the future', async () => {
    const reader = new QueueBacklogReader(
      ...fakeQueue({
        waiting: [{ timestamp: NOW - 4000 }, { timestamp: NOW - 1000 }],
        prioritized: [{ timestamp: NOW - 500 }],
        active: 3,
        delayed: { due1: score(NOW - 10), due2: score(NOW, 7), future: score(NOW + 5000) },
      }),
      () => NOW,
    );
    expect(await reader.read()).toEqual({ backlog: 8, waiting: 2, prioritized: 1, delayedDue: 2, active: 3, oldestWaitingAgeMs: 4000 });
  });

  it('ages a retried job from its last start, not from its creation', async () => {
    const reader = new QueueBacklogReader(...fakeQueue({ waiting: [{ timestamp: NOW - 60_000, processedOn: NOW - 2000 }] }), () => NOW);
    expect((await reader.read()).oldestWaitingAgeMs).toBe(2000);
  });

  it('ages a due delayed job from the moment it became due', async () => {
    const reader = new QueueBacklogReader(
      ...fakeQueue({ waiting: [{ timestamp: NOW - 1000 }], delayed: { late: score(NOW - 7000, 3) } }),
      () => NOW,
    );
    expect(await reader.read()).toMatchObject({ delayedDue: 1, oldestWaitingAgeMs: 7000 });
  });

  it('does not count active jobs as waiting time', async () => {
    const reader = new QueueBacklogReader(...fakeQueue({ active: 5 }), () => NOW);
    expect(await reader.read()).toMatchObject({ backlog: 5, oldestWaitingAgeMs: 0 });
  });
});
