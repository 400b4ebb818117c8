import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobStatus } from '#contracts';
import type { PoolStats } from '#sandbox';
import { ExecutionObserver, type FinishedJob } from '../execution/execution-observer';

const WAIT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const RUN_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export interface WorkerMetricsSources {
  running: { readonly size: number };
  /** Current slots (the adaptive governor moves them). */
  concurrency: () => number;
}

/**
 * Every metric a worker exposes on its metrics port, in its own registry. Jobs and
 * container failures are counted through hooks (ExecutionObserver, the runner's
 * onStartFailure); pool and slot gauges are read from their owners at scrape time.
 */
export class WorkerMetrics extends ExecutionObserver {
  readonly registry = new Registry();
  private pool: { stats(): PoolStats } | null = null;

  private readonly jobs = new Counter({
    name: 'runq_jobs_finished_total',
    help: 'Jobs this worker brought to a final status, by language, status and outcome',
    labelNames: ['language', 'status', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly queueWait = new Histogram({
    name: 'runq_job_queue_wait_seconds',
    help: 'Time from creation to the first claim by a worker',
    labelNames: ['language'] as const,
    buckets: WAIT_BUCKETS,
    registers: [this.registry],
  });
  private readonly runDuration = new Histogram({
    name: 'runq_job_run_duration_seconds',
    help: 'Time from claim to result (compile, run and test cases), by language and outcome',
    labelNames: ['language', 'outcome'] as const,
    buckets: RUN_BUCKETS,
    registers: [this.registry],
  });
  private readonly startFailures = new Counter({
    name: 'runq_container_start_failures_total',
    help: 'Sandbox containers that could not be created, attached or started (warm or cold), by image',
    labelNames: ['image'] as const,
    registers: [this.registry],
  });

  private readonly retentionDeleted = new Counter({
    name: 'runq_retention_deleted_jobs_total',
    help: 'Finished jobs deleted by the retention sweep (RUNQ_RETENTION_DAYS), by status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly retentionLastSweep = new Gauge({
    name: 'runq_retention_sweep_time_seconds',
    help: 'When this worker, as retention leader, last finished a sweep (Unix time)',
    registers: [this.registry],
  });

  constructor(sources: WorkerMetricsSources) {
    super();
    collectDefaultMetrics({ register: this.registry });
    const poolStats = () => this.pool?.stats() ?? { hits: 0, misses: 0, sizes: {} };
    new Gauge({
      name: 'runq_pool_warm_containers',
      help: 'Warm containers ready per pool profile (image/memory/command)',
      labelNames: ['profile'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [profile, size] of Object.entries(poolStats().sizes)) this.set({ profile }, size);
      },
    });
    let counted = { hits: 0, misses: 0 };
    new Counter({
      name: 'runq_pool_requests_total',
      help: 'Sandbox runs served by a warm container (hit) or a cold start (miss)',
      labelNames: ['result'] as const,
      registers: [this.registry],
      collect() {
        // The pool keeps running totals: add what happened since the last scrape.
        const { hits, misses } = poolStats();
        this.inc({ result: 'hit' }, hits - counted.hits);
        this.inc({ result: 'miss' }, misses - counted.misses);
        counted = { hits, misses };
      },
    });
    new Gauge({
      name: 'runq_worker_slots',
      help: "This worker's job slots (state total) and how many run a job (state busy)",
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: 'total' }, sources.concurrency());
        this.set({ state: 'busy' }, sources.running.size);
      },
    });
  }

  /** The pool whose sizes and hit counts are exposed (it is built after the metrics, around the runner they observe). */
  watchPool<T extends { stats(): PoolStats }>(pool: T): T {
    this.pool = pool;
    return pool;
  }

  claimed(language: string, queueWaitSeconds: number): void {
    this.queueWait.observe({ language }, Math.max(0, queueWaitSeconds));
  }

  finished({ language, status, outcome, runSeconds }: FinishedJob): void {
    this.jobs.inc({ language, status, outcome });
    if (status !== 'cancelled') this.runDuration.observe({ language, outcome }, runSeconds);
  }

  containerStartFailed(image: string): void {
    this.startFailures.inc({ image });
  }

  retentionRemoved(counts: Partial<Record<JobStatus, number>>): void {
    for (const [status, n] of Object.entries(counts)) if (n) this.retentionDeleted.inc({ status }, n);
  }

  retentionSwept(atMs: number): void {
    this.retentionLastSweep.set(atMs / 1000);
  }
}
