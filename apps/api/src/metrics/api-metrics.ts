import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { WorkerHeartbeat } from '#contracts';

/** BullMQ job states, as getJobCounts names them. */
export const QUEUE_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'paused', 'waiting-children'] as const;

/** The part of a BullMQ Queue the queue-depth gauge reads, so tests can pass a fake. */
export interface CountedQueue {
  readonly name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

export interface WorkerLister {
  list(): Promise<WorkerHeartbeat[]>;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * Every metric the API exposes on GET /metrics, in its own registry (not prom-client's
 * global one, so several apps in one test process do not collide). Queue depth and
 * worker counts are read from Redis at scrape time; nothing is polled in between.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'runq_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  constructor(queues: CountedQueue[], workers: WorkerLister, onError: (source: string, error: Error) => void = () => undefined) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'runq_queue_jobs',
      help: 'Jobs in each BullMQ queue by state (read at scrape time; absent when Redis does not answer)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(
          queues.map(async (queue) => {
            try {
              const counts = await queue.getJobCounts(...QUEUE_STATES);
              for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
            } catch (error) {
              onError(`queue ${queue.name}`, error as Error);
            }
          }),
        );
      },
    });
    // Both worker gauges are collected in the same scrape: they share one read of the heartbeats.
    let reading: Promise<WorkerHeartbeat[]> | null = null;
    const heartbeats = () => (reading ??= workers.list().finally(() => (reading = null)));
    new Gauge({
      name: 'runq_fleet_workers',
      help: 'Live workers (unexpired heartbeats)',
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          this.set((await heartbeats()).length);
        } catch (error) {
          onError('workers', error as Error);
        }
      },
    });
    new Gauge({
      name: 'runq_fleet_slots',
      help: 'Job slots of live workers that reach their Docker engine (state total), and how many were busy at their last heartbeat',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const list = await heartbeats().catch(() => null); // the error is reported by runq_fleet_workers
        if (!list) return;
        const usable = list.filter((w) => w.docker.ok);
        this.set(
          { state: 'total' },
          usable.reduce((sum, w) => sum + w.concurrency, 0),
        );
        this.set(
          { state: 'busy' },
          usable.reduce((sum, w) => sum + w.running, 0),
        );
      },
    });
  }
}
