import { Client } from 'pg';
import { performance } from 'node:perf_hooks';
import { freePort } from './support/own-services';
import { parsePrometheus } from './support/prometheus-text';
import { Stack } from './support/stack';

jest.setTimeout(600_000);

/**
 * The retention sweep on 100 000 finished jobs older than the retention: how fast it deletes
 * them, and what it does to the API's latency meanwhile (GET /jobs and POST /execute over HTTP).
 */
const ROWS = 100_000;
const SEED = 'e2e-retention-seed';
let stack: Stack;
let db: Client;

beforeAll(async () => {
  // This stack's own worker keeps everything: the sweep runs on the worker started in the test.
  stack = await Stack.start('retention', { env: { RUNQ_RETENTION_DAYS: '0' } });
  db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  await db.query('DELETE FROM jobs WHERE worker_id = $1', [SEED]);
});
afterAll(async () => {
  await db?.query('DELETE FROM jobs WHERE worker_id = $1', [SEED]).catch(() => undefined);
  await db?.end();
  await stack?.stop();
});

/** ROWS jobs that finished 40 days ago (3 in 5 completed, 1 failed, 1 cancelled), sources and outputs included. */
async function seed(): Promise<void> {
  await db.query(
    `INSERT INTO jobs (id, status, outcome, language, files, limits, run, attempts, worker_id, created_at, started_at, finished_at)
     SELECT gen_random_uuid(),
            (ARRAY['completed', 'completed', 'completed', 'failed', 'cancelled'])[1 + i % 5]::"JobStatus",
            (ARRAY['ok', 'runtime_error', 'ok', 'internal_error', NULL])[1 + i % 5]::"Outcome",
            'python',
            jsonb_build_array(jsonb_build_object('name', 'main.py', 'content', repeat('print(42)  # ', 20))),
            '{"timeoutMs": 5000, "memoryMb": 128, "cpus": 0.5, "processes": 64, "outputBytes": 1048576}',
            jsonb_build_object('stdout', repeat('42 ', 60), 'stderr', '', 'exitCode', 0, 'signal', NULL, 'wallMs', 31),
            1, $1, t, t + interval '1 second', t + interval '2 seconds'
     FROM generate_series(1, $2::int) AS i, LATERAL (SELECT now() - interval '40 days' - i * interval '1 second' AS t) AS at`,
    [SEED, ROWS],
  );
  // Created long ago but finished yesterday: within the retention, it stays.
  await db.query(
    `INSERT INTO jobs (id, status, outcome, language, files, limits, attempts, worker_id, created_at, finished_at)
     VALUES (gen_random_uuid(), 'completed', 'ok', 'python', '[]', '{}', 1, $1, now() - interval '90 days', now() - interval '1 day')`,
    [SEED],
  );
}

const seededLeft = async () => Number((await db.query('SELECT count(*) AS n FROM jobs WHERE worker_id = $1', [SEED])).rows[0].n);

interface Latencies {
  list: number[];
  execute: number[];
  failures: string[];
}

/** Three clients, one listing jobs and two running a small program, each request after the other, until `done`. */
async function measure(done: () => boolean): Promise<Latencies> {
  const result: Latencies = { list: [], execute: [], failures: [] };
  const loop = async (into: number[], call: () => Promise<{ status: number }>, ok: number) => {
    while (!done()) {
      const started = performance.now();
      const res = await call();
      into.push(performance.now() - started);
      if (res.status !== ok) result.failures.push(`${res.status}`);
    }
  };
  const execute = () => stack.request('POST', '/execute', { body: { language: 'python', code: 'print(1)' } });
  await Promise.all([
    loop(result.list, () => stack.request('GET', '/jobs?limit=20'), 200),
    loop(result.execute, execute, 200),
    loop(result.execute, execute, 200),
  ]);
  return result;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
};
const summary = (values: number[]) => ({ n: values.length, p50: percentile(values, 0.5), p99: percentile(values, 0.99) });
const round = (s: { n: number; p50: number; p99: number }) => `n=${s.n} p50=${s.p50.toFixed(1)} ms p99=${s.p99.toFixed(1)} ms`;

describe('retention sweep', () => {
  it(`deletes ${ROWS} expired jobs in bounded batches, counted in metrics, without slowing the API`, async () => {
    const seedStarted = performance.now();
    await seed();
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    expect(await seededLeft()).toBe(ROWS + 1);
    const recent = (await stack.request('POST', '/execute', { body: { language: 'python', code: 'print("recent")' } })).body;

    // Before: the same load for a fixed time, with the rows in place.
    const beforeUntil = Date.now() + 20_000;
    const before = await measure(() => Date.now() > beforeUntil);

    const metricsPort = await freePort();
    // A worker of a pool no job is routed to: it sweeps and runs nothing, so what the API's latency
    // shows is the sweep, not a second worker taking jobs with a cold pool.
    const starting = stack.startExtraWorker('sweeper', {
      RUNQ_RETENTION_DAYS: '30',
      RUNQ_WORKER_METRICS_PORT: String(metricsPort),
      RUNQ_POOLS: 'sweeper-only=sql',
      RUNQ_WORKER_POOL: 'sweeper-only',
    });
    // The sweep has begun once the first batch is gone (a lease left by an earlier run lapses within a minute).
    const deadline = Date.now() + 150_000;
    let left = await seededLeft();
    while (left > ROWS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      left = await seededLeft();
    }
    expect(left).toBeLessThanOrEqual(ROWS);
    const sweepSeen = performance.now();
    const leftAtStart = left;
    let finished = false;
    const watching = (async () => {
      while (left > 1 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        left = await seededLeft();
      }
      finished = true;
    })();
    const during = await measure(() => finished);
    await watching;
    const sweepSeconds = (performance.now() - sweepSeen) / 1000;
    await starting;

    expect(left).toBe(1);
    const rate = Math.round((leftAtStart - 1) / sweepSeconds);
    const figures = {
      seeded: `${ROWS} rows in ${seedSeconds.toFixed(1)} s`,
      sweep: `${leftAtStart - 1} rows in ${sweepSeconds.toFixed(1)} s = ${rate} rows/s`,
      listBefore: round(summary(before.list)),
      listDuring: round(summary(during.list)),
      executeBefore: round(summary(before.execute)),
      executeDuring: round(summary(during.execute)),
    };
    console.log(`retention sweep figures: ${JSON.stringify(figures, null, 2)}`);

    // What stays: a job within the retention (by when it finished), and recent jobs.
    const kept = await db.query(`SELECT finished_at > now() - interval '2 days' AS recent FROM jobs WHERE worker_id = $1`, [SEED]);
    expect(kept.rows).toEqual([{ recent: true }]);
    expect((await stack.request('GET', `/jobs/${recent.id}`)).status).toBe(200);

    // Counted by status on the sweeping worker.
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const deleted = parsePrometheus(text).samples.filter((s) => s.name === 'runq_retention_deleted_jobs_total');
    const byStatus = Object.fromEntries(deleted.map((s) => [s.labels.status, s.value]));
    expect(byStatus).toEqual({ completed: (ROWS * 3) / 5, failed: ROWS / 5, cancelled: ROWS / 5 });
    expect(parsePrometheus(text).samples.find((s) => s.name === 'runq_retention_sweep_time_seconds')?.value).toBeGreaterThan(0);

    // The API kept answering, and not much slower: the sweep deletes 1000 rows a statement, 100 ms apart.
    expect([...before.failures, ...during.failures]).toEqual([]);
    expect(rate).toBeGreaterThan(1000);
    expect(during.list.length).toBeGreaterThanOrEqual(20);
    expect(during.execute.length).toBeGreaterThanOrEqual(4);
    // Bounded by a factor, or a few milliseconds where the figures are that small.
    const bounded = (b: number[], d: number[], p: number, factor: number, slackMs: number) =>
      expect(percentile(d, p)).toBeLessThanOrEqual(Math.max(factor * percentile(b, p), percentile(b, p) + slackMs));
    bounded(before.list, during.list, 0.5, 3, 20);
    bounded(before.list, during.list, 0.99, 5, 100);
    bounded(before.execute, during.execute, 0.5, 3, 200);
    bounded(before.execute, during.execute, 0.99, 5, 500);
  });
});
