import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './support/eventually';
import { find, parsePrometheus, sum, type Exposition } from './support/prometheus-text';
import { Stack } from './support/stack';

jest.setTimeout(120_000);

const LOGS = join(__dirname, '..', '..', '.runq', 'test', 'logs');
const MARKER = `secret-code-marker-${process.pid}`;
const QUEUE_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'paused', 'waiting-children'];

let stack: Stack;
const ids: Record<string, string> = {};

async function scrape(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string | null; body: Exposition }> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: res.status === 200 ? parsePrometheus(text) : { samples: [], types: {} },
  };
}

/** JSON log lines of this suite's process `role`. */
function logLines(role: 'api' | 'worker'): Record<string, unknown>[] {
  return readFileSync(join(LOGS, `observability-${role}.log`), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(async () => {
  stack = await Stack.start('observability');
  const run = async (name: string, body: object) => {
    const res = await stack.request('POST', '/execute', { body });
    expect(res.status).toBe(200);
    ids[name] = res.body.id;
  };
  await run('ok', { language: 'python', code: `print("${MARKER}")` });
  await run('ok2', { language: 'py', code: 'print(2)' });
  await run('crash', { language: 'python', code: 'import sys\nsys.exit(3)' });
  await run('compile', { language: 'c', code: 'int main( { return 0; }' });
});
afterAll(async () => {
  await stack?.stop();
});

describe('worker GET /metrics (internal port)', () => {
  let metrics: Exposition;
  beforeAll(async () => {
    const res = await scrape(stack.workerMetricsUrl);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain/);
    metrics = res.body;
  });

  it('listens on loopback only', () => {
    expect(new URL(stack.workerMetricsUrl).hostname).toBe('127.0.0.1');
  });

  it('counts finished jobs by language, status and outcome (aliases folded into the language id)', () => {
    expect(metrics.types.runq_jobs_finished_total).toBe('counter');
    expect(sum(metrics, 'runq_jobs_finished_total', { language: 'python', status: 'completed', outcome: 'ok' })).toBe(2);
    expect(sum(metrics, 'runq_jobs_finished_total', { language: 'python', status: 'completed', outcome: 'runtime_error' })).toBe(1);
    expect(sum(metrics, 'runq_jobs_finished_total', { language: 'c', status: 'completed', outcome: 'compile_error' })).toBe(1);
    expect(find(metrics, 'runq_jobs_finished_total', { language: 'py' })).toEqual([]);
  });

  it('has queue wait and run duration histograms per language (and outcome)', () => {
    expect(metrics.types.runq_job_queue_wait_seconds).toBe('histogram');
    expect(metrics.types.runq_job_run_duration_seconds).toBe('histogram');
    expect(sum(metrics, 'runq_job_queue_wait_seconds_count', { language: 'python' })).toBe(3);
    expect(sum(metrics, 'runq_job_queue_wait_seconds_count', { language: 'c' })).toBe(1);
    const inf = find(metrics, 'runq_job_run_duration_seconds_bucket', { language: 'python', outcome: 'ok', le: '+Inf' });
    expect(inf.map((s) => s.value)).toEqual([2]);
    expect(sum(metrics, 'runq_job_run_duration_seconds_sum', { language: 'c', outcome: 'compile_error' })).toBeGreaterThan(0);
  });

  it('exposes pool sizes, pool hits and misses, slots and container start failures', () => {
    expect(metrics.types.runq_pool_warm_containers).toBe('gauge');
    expect(metrics.types.runq_container_start_failures_total).toBe('counter');
    // Four jobs, one sandbox run each (the compile error stops at its compile stage), each a hit or a miss.
    expect(sum(metrics, 'runq_pool_requests_total')).toBe(4);
    expect(
      find(metrics, 'runq_pool_requests_total')
        .map((s) => s.labels.result)
        .sort(),
    ).toEqual(['hit', 'miss']);
    expect(sum(metrics, 'runq_worker_slots', { state: 'total' })).toBe(4);
    expect(find(metrics, 'runq_worker_slots', { state: 'busy' })).toHaveLength(1);
    const image = (process.env.RUNQ_IMAGE_PREFIX ?? 'runq/').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    for (const s of find(metrics, 'runq_pool_warm_containers')) expect(s.labels.profile).toMatch(new RegExp(`^${image}\\w+`));
  });

  it('includes the process metrics and answers 404 elsewhere', async () => {
    expect(find(metrics, 'process_cpu_user_seconds_total')).toHaveLength(1);
    const res = await fetch(stack.workerMetricsUrl.replace(/\/metrics$/, '/other'));
    expect(res.status).toBe(404);
  });
});

describe('two workers on one host', () => {
  it('do not fight over the metrics port: the second takes the next free one', async () => {
    const taken = new URL(stack.workerMetricsUrl).port;
    const second = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'apps', 'worker', 'src', 'main.js')], {
      env: {
        ...process.env,
        RUNQ_WORKER_ID: `e2e-observability-second-${process.pid}`,
        RUNQ_WORKER_METRICS_PORT: taken,
        RUNQ_WORKER_CONCURRENCY: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        const timer = setTimeout(() => reject(new Error(`no metrics line within 30 s:\n${seen}`)), 30_000);
        second.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          const found = /metrics on (http:\/\/\S+\/metrics)/.exec(seen);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        });
        second.once('exit', (code) => reject(new Error(`second worker exited with ${code}:\n${seen}`)));
      });
      expect(Number(new URL(url).port)).toBeGreaterThan(Number(taken));
      expect((await scrape(url)).body.types.runq_jobs_finished_total).toBe('counter');
      expect((await scrape(stack.workerMetricsUrl)).status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => second.once('exit', resolve));
      second.kill('SIGTERM');
      await exited;
    }
  });
});

describe('API GET /metrics', () => {
  let metrics: Exposition;
  beforeAll(async () => {
    await stack.request('GET', `/jobs/${ids.ok}`);
    await stack.request('GET', '/languages', { key: null }); // 401
    await stack.request('GET', '/no-such-route');
    const res = await scrape(`${stack.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain/);
    metrics = res.body;
  });

  it('needs no API key while RUNQ_METRICS_TOKEN is unset', async () => {
    expect((await stack.request('GET', '/metrics', { key: null })).status).toBe(200);
  });

  it('times requests by method, route template and status', () => {
    expect(metrics.types.runq_http_request_duration_seconds).toBe('histogram');
    const count = (labels: Record<string, string>) => sum(metrics, 'runq_http_request_duration_seconds_count', labels);
    expect(count({ method: 'POST', route: '/execute', status: '200' })).toBe(4);
    expect(count({ method: 'GET', route: '/jobs/:id', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'GET', route: '/languages', status: '401' })).toBe(1);
    expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    // Ids never become label values.
    const routes = find(metrics, 'runq_http_request_duration_seconds_count').map((s) => s.labels.route);
    expect(routes.filter((r) => /[0-9a-f]{8}-/.test(r))).toEqual([]);
  });

  it('reports queue depth by state for both queues, and the fleet', () => {
    expect(metrics.types.runq_queue_jobs).toBe('gauge');
    for (const queue of ['executions', 'callbacks']) {
      expect(
        find(metrics, 'runq_queue_jobs', { queue })
          .map((s) => s.labels.state)
          .sort(),
      ).toEqual([...QUEUE_STATES].sort());
    }
    expect(sum(metrics, 'runq_queue_jobs', { queue: 'executions', state: 'completed' })).toBeGreaterThanOrEqual(4);
    expect(sum(metrics, 'runq_fleet_workers')).toBeGreaterThanOrEqual(1);
    expect(sum(metrics, 'runq_fleet_slots', { state: 'total' })).toBeGreaterThanOrEqual(4);
  });

  it('leaves GET /metrics/backlog as it was: behind the API key', async () => {
    expect((await stack.request('GET', '/metrics/backlog', { key: null })).status).toBe(401);
    expect((await stack.request('GET', '/metrics/backlog')).body).toMatchObject({
      backlog: expect.any(Number),
      workers: expect.any(Number),
    });
  });

  it('asks for the bearer token when RUNQ_METRICS_TOKEN is set', async () => {
    const token = 'metrics-token-0123456789';
    const guarded = await Stack.start('observability-token', { worker: false, env: { RUNQ_METRICS_TOKEN: token } });
    try {
      expect((await scrape(`${guarded.url}/metrics`)).status).toBe(401);
      expect((await scrape(`${guarded.url}/metrics`, { Authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
      // An API key is not the metrics token.
      expect((await scrape(`${guarded.url}/metrics`, { Authorization: `Bearer ${guarded.adminKey}` })).status).toBe(401);
      const ok = await scrape(`${guarded.url}/metrics`, { Authorization: `Bearer ${token}` });
      expect(ok.status).toBe(200);
      expect(ok.body.types.runq_queue_jobs).toBe('gauge');
    } finally {
      await guarded.stop();
    }
  });
});

describe('logs', () => {
  it('echoes a valid X-Request-Id and logs it; replaces an invalid one with a fresh id', async () => {
    const mine = `req-${process.pid}-abc`;
    const kept = await stack.request('GET', '/languages', { headers: { 'X-Request-Id': mine } });
    expect(kept.headers.get('x-request-id')).toBe(mine);
    const replaced = await stack.request('GET', '/languages', { headers: { 'X-Request-Id': 'no spaces\tor tabs' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const generated = await stack.request('GET', '/languages');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const line = await eventually(() => logLines('api').find((l) => l.requestId === mine) ?? false, {
      message: `no api log line for ${mine}`,
    });
    expect(line).toMatchObject({
      app: 'api',
      msg: 'request completed',
      req: { method: 'GET', url: '/languages' },
      res: { statusCode: 200 },
    });
  });

  it('puts the job id on the worker lines about a job', () => {
    const lines = logLines('worker').filter((l) => l.jobId === ids.crash);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toMatchObject({ app: 'worker', attempt: 1 });
    expect(String(lines.at(-1)!.msg)).toContain('outcome runtime_error');
  });

  it('never logs API keys or submitted code', () => {
    for (const role of ['api', 'worker'] as const) {
      const text = readFileSync(join(LOGS, `observability-${role}.log`), 'utf8');
      expect(text).not.toContain(stack.adminKey);
      expect(text).not.toContain(MARKER);
    }
  });
});

describe('GET /health/ready', () => {
  it('reports each dependency with its status and latency, and the live worker count', async () => {
    const res = await stack.request('GET', '/health/ready', { key: null });
    expect(res.status).toBe(200);
    for (const name of ['postgres', 'redis', 'workers']) {
      expect(res.body.checks[name]).toMatchObject({ ok: true, status: 'up', ms: expect.any(Number) });
    }
    expect(res.body.checks.workers.workers).toBeGreaterThanOrEqual(1);
  });
});
