import type { PoolStats } from '#sandbox';
import { WorkerMetrics } from './worker-metrics';

function setup() {
  const stats: PoolStats = { hits: 0, misses: 0, sizes: {} };
  const running = { size: 0 };
  const metrics = new WorkerMetrics({ running, concurrency: () => 4 });
  metrics.watchPool({ stats: () => stats });
  return { metrics, stats, running };
}

describe('WorkerMetrics', () => {
  it('counts finished jobs by language, status and outcome, with run durations for those that ran', async () => {
    const { metrics } = setup();
    metrics.finished({ language: 'python', status: 'completed', outcome: 'ok', runSeconds: 0.2 });
    metrics.finished({ language: 'python', status: 'completed', outcome: 'ok', runSeconds: 0.4 });
    metrics.finished({ language: 'c', status: 'failed', outcome: 'internal_error', runSeconds: 3 });
    metrics.finished({ language: 'c', status: 'cancelled', outcome: 'none', runSeconds: 1 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('runq_jobs_finished_total{language="python",status="completed",outcome="ok"} 2');
    expect(text).toContain('runq_jobs_finished_total{language="c",status="failed",outcome="internal_error"} 1');
    expect(text).toContain('runq_jobs_finished_total{language="c",status="cancelled",outcome="none"} 1');
    expect(text).toMatch(/runq_job_run_duration_seconds_sum\{language="python",outcome="ok"\} 0\.6/);
    expect(text).toContain('runq_job_run_duration_seconds_count{language="c",outcome="internal_error"} 1');
    expect(text).not.toContain('outcome="none",le=');
  });

  it('observes queue waits per language', async () => {
    const { metrics } = setup();
    metrics.claimed('ruby', 0.03);
    const text = await metrics.registry.metrics();
    expect(text).toContain('runq_job_queue_wait_seconds_bucket{le="0.05",language="ruby"} 1');
    expect(text).toContain('runq_job_queue_wait_seconds_bucket{le="0.025",language="ruby"} 0');
  });

  it('counts jobs deleted by the retention sweep by status, and when the last sweep ended', async () => {
    const { metrics } = setup();
    metrics.retentionRemoved({ completed: 1000 });
    metrics.retentionRemoved({ completed: 20, failed: 3, cancelled: 0 });
    metrics.retentionSwept(1_700_000_000_500);
    const text = await metrics.registry.metrics();
    expect(text).toContain('runq_retention_deleted_jobs_total{status="completed"} 1020');
    expect(text).toContain('runq_retention_deleted_jobs_total{status="failed"} 3');
    expect(text).not.toContain('status="cancelled"');
    expect(text).toContain('runq_retention_sweep_time_seconds 1700000000.5');
  });

  it('counts container start failures by image', async () => {
    const { metrics } = setup();
    metrics.containerStartFailed('runq/python');
    metrics.containerStartFailed('runq/python');
    expect(await metrics.registry.metrics()).toContain('runq_container_start_failures_total{image="runq/python"} 2');
  });

  it('reads pool sizes, hit and miss totals and slots at scrape time', async () => {
    const { metrics, stats, running } = setup();
    Object.assign(stats, { hits: 3, misses: 1, sizes: { 'runq/python/128m/run': 2 } });
    running.size = 3;
    let text = await metrics.registry.metrics();
    expect(text).toContain('runq_pool_warm_containers{profile="runq/python/128m/run"} 2');
    expect(text).toContain('runq_pool_requests_total{result="hit"} 3');
    expect(text).toContain('runq_worker_slots{state="busy"} 3');
    expect(text).toContain('runq_worker_slots{state="total"} 4');
    Object.assign(stats, { hits: 5, misses: 1, sizes: {} });
    text = await metrics.registry.metrics();
    // Counters keep counting; profiles that emptied out drop out.
    expect(text).toContain('runq_pool_requests_total{result="hit"} 5');
    expect(text).toContain('runq_pool_requests_total{result="miss"} 1');
    expect(text).not.toContain('runq_pool_warm_containers{');
  });
});
