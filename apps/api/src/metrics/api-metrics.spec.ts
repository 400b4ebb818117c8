import type { WorkerHeartbeat } from '#contracts';
import { ApiMetrics, QUEUE_STATES, type CountedQueue } from './api-metrics';
import { routeOf } from './http-metrics.middleware';

const queue = (name: string, counts: Record<string, number> | Error): CountedQueue => ({
  name,
  getJobCounts: async () => {
    if (counts instanceof Error) throw counts;
    return counts;
  },
});
const worker = (concurrency: number, running: number, dockerOk = true) =>
  ({ id: `w${concurrency}`, concurrency, running, docker: { ok: dockerOk } }) as WorkerHeartbeat;

async function values(metrics: ApiMetrics, name: string) {
  const metric = await metrics.registry.getSingleMetric(name)!.get();
  return metric.values.map((v) => ({ labels: v.labels, value: v.value }));
}

describe('ApiMetrics', () => {
  it('reads queue depth by state at scrape time, every state of every queue', async () => {
    const metrics = new ApiMetrics([queue('executions', { waiting: 3, active: 2 }), queue('callbacks', {})], { list: async () => [] });
    const depth = await values(metrics, 'runq_queue_jobs');
    expect(depth).toHaveLength(QUEUE_STATES.length * 2);
    expect(depth).toContainEqual({ labels: { queue: 'executions', state: 'waiting' }, value: 3 });
    expect(depth).toContainEqual({ labels: { queue: 'executions', state: 'active' }, value: 2 });
    expect(depth).toContainEqual({ labels: { queue: 'callbacks', state: 'failed' }, value: 0 });
  });

  it('leaves a queue out (rather than reporting zeros) when Redis does not answer, and says so', async () => {
    const errors: string[] = [];
    const metrics = new ApiMetrics(
      [queue('executions', new Error('Connection is closed.')), queue('callbacks', { waiting: 1 })],
      {
        list: async () => [],
      },
      (source, error) => errors.push(`${source}: ${error.message}`),
    );
    const depth = await values(metrics, 'runq_queue_jobs');
    expect(depth.filter((d) => d.labels.queue === 'executions')).toEqual([]);
    expect(depth).toContainEqual({ labels: { queue: 'callbacks', state: 'waiting' }, value: 1 });
    expect(errors).toEqual(['queue executions: Connection is closed.']);
  });

  it('counts live workers and the slots of those that reach Docker, with one read of the heartbeats per scrape', async () => {
    const list = jest.fn().mockResolvedValue([worker(4, 1), worker(8, 3), worker(16, 0, false)]);
    const metrics = new ApiMetrics([], { list });
    const text = await metrics.registry.metrics();
    expect(text).toContain('runq_fleet_workers 3');
    expect(text).toContain('runq_fleet_slots{state="total"} 12');
    expect(text).toContain('runq_fleet_slots{state="busy"} 4');
    expect(list).toHaveBeenCalledTimes(1);
  });

  it('keeps its own registry: two instances do not collide', () => {
    expect(() => [new ApiMetrics([], { list: async () => [] }), new ApiMetrics([], { list: async () => [] })]).not.toThrow();
  });
});

describe('routeOf', () => {
  it('labels by route template, never the raw path', () => {
    expect(routeOf({ route: { path: '/jobs/:id' }, baseUrl: '' } as never, { statusCode: 200 })).toBe('/jobs/:id');
  });
  it('labels requests that matched no route', () => {
    expect(routeOf({ route: undefined, baseUrl: '' } as never, { statusCode: 404 })).toBe('unmatched');
    expect(routeOf({ route: undefined, baseUrl: '' } as never, { statusCode: 413 })).toBe('other');
    expect(routeOf({ route: { path: '{/*splat}' }, baseUrl: '' } as never, { statusCode: 404 })).toBe('unmatched');
  });
});
