/**
 * npm run bench:scaling: throughput with 1, 2 and 4 worker processes on this host (ratios
 * against 1 worker, measured in the same run), then a burst through the local autoscaler
 * (1 → 4 → 1) with its timeline as a PNG. Writes bench/results/scaling.{md,json,png}.
 * Env: RUNQ_URL, RUNQ_BENCH_KEY, REDIS_URL, DATABASE_URL (set by scripts/bench.sh).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { writeTimelineChart, type TimelinePoint } from './scaling-chart';
import { percentile } from './stats';

const url = process.env.RUNQ_URL ?? 'http://127.0.0.1:3100';
const key = process.env.RUNQ_BENCH_KEY ?? '';
const dist = join(__dirname, '..');
const results = join(__dirname, '..', '..', 'bench', 'results');
const JOBS = Number(process.env.RUNQ_BENCH_SCALING_JOBS ?? 200);
const BURST = Number(process.env.RUNQ_BENCH_BURST_JOBS ?? 300);
const SLOTS = 2;
const BATCH = 50;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(url + path, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-API-Key': key },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function submit(count: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const jobs = Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => ({ language: 'bash', code: `echo ${tag}-${start + i}` }));
    const { items } = await api<{ items: { id: string }[] }>('POST', '/jobs/batch', { jobs });
    ids.push(...items.map((item) => item.id));
  }
  return ids;
}

/** Waits until every job is finished; returns queue waits (started - created) in ms. */
async function drained(db: Client, ids: string[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { rows } = await db.query<{ status: string; wait: number | null }>(
      `SELECT status, EXTRACT(EPOCH FROM (started_at - created_at)) * 1000 AS wait FROM jobs WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const open = rows.filter((r) => r.status === 'queued' || r.status === 'running').length;
    if (!open) {
      const failed = rows.filter((r) => r.status !== 'completed').length;
      if (failed) throw new Error(`${failed} job(s) did not complete`);
      return rows.map((r) => Number(r.wait));
    }
    if (Date.now() > deadline) throw new Error(`${open} job(s) still open after ${ms} ms`);
    await sleep(100);
  }
}

function startWorker(id: string): ChildProcess {
  return spawn(process.execPath, [join(dist, 'apps/worker/src/main.js')], {
    env: {
      ...process.env,
      RUNQ_WORKER_ID: id,
      RUNQ_WORKER_CONCURRENCY: String(SLOTS),
      RUNQ_WORKER_ADAPTIVE: 'false',
      RUNQ_LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function waitForWorkers(n: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await api<{ workers: number }>('GET', '/metrics/backlog')).workers === n) return;
    await sleep(200);
  }
  throw new Error(`${n} worker(s) never registered`);
}

async function fixedFleet(db: Client, n: number): Promise<{ workers: number; perSecond: number; waitP50: number }> {
  const children = Array.from({ length: n }, (_, i) => startWorker(`bench-fixed-${n}-${i}`));
  try {
    await waitForWorkers(n);
    await drained(db, await submit(4 * n * SLOTS, `warm${n}`), 120_000); // warm pools
    const started = performance.now();
    const ids = await submit(JOBS, `fleet${n}`);
    const waits = await drained(db, ids, 600_000);
    const perSecond = JOBS / ((performance.now() - started) / 1000);
    return { workers: n, perSecond, waitP50: percentile(waits, 50) };
  } finally {
    await stopAll(children);
    await waitForWorkers(0);
  }
}

async function burst(db: Client): Promise<{ points: TimelinePoint[]; decisions: string[]; drainedS: number; backToOneS: number }> {
  const scaler = spawn(
    process.execPath,
    [
      join(dist, 'scripts/workers.js'),
      ...['--min', '1', '--max', '4', '--capacity', String(SLOTS), '--interval-ms', '500'],
      ...['--scale-out-age-ms', '1500', '--cooldown-out-ms', '2000', '--scale-in-idle-ms', '5000', '--cooldown-in-ms', '3000'],
    ],
    { env: { ...process.env, RUNQ_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  scaler.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const processes = () => {
    try {
      return execFileSync('pgrep', ['-P', String(scaler.pid)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean).length;
    } catch {
      return 0;
    }
  };
  try {
    await waitForWorkers(1);
    const points: TimelinePoint[] = [];
    const started = performance.now();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { backlog } = await api<{ backlog: number }>('GET', '/metrics/backlog');
        points.push({ seconds: (performance.now() - started) / 1000, backlog, workers: processes() });
        await sleep(250);
      }
    })();
    await drained(db, await submit(BURST, 'burst'), 600_000);
    const drainedS = (performance.now() - started) / 1000;
    for (let i = 0; i < 600 && processes() !== 1; i++) await sleep(200);
    const backToOneS = (performance.now() - started) / 1000;
    await sleep(2000);
    sampling = false;
    await sampler;
    const decisions = output.split('\n').filter((l) => /\[autoscaler\] (out|in) /.test(l));
    return { points, decisions, drainedS, backToOneS };
  } finally {
    await stopAll([scaler]);
  }
}

async function main(): Promise<void> {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    const fleets = [];
    for (const n of [1, 2, 4]) {
      const fleet = await fixedFleet(db, n);
      fleets.push(fleet);
      console.log(`${n} worker(s): ${fleet.perSecond.toFixed(1)} jobs/s`);
    }
    const base = fleets[0].perSecond;
    const rows = [
      `Throughput, ${JOBS} bash jobs per fleet, ${SLOTS} slots per worker process (ratios against 1 worker, same run):`,
      '',
      '| Worker processes | Slots | Jobs/s | vs 1 worker | Queue wait p50 |',
      '| ---------------- | ----- | ------ | ----------- | -------------- |',
      ...fleets.map(
        (f) =>
          `| ${f.workers} | ${f.workers * SLOTS} | ${f.perSecond.toFixed(1)} | ${(f.perSecond / base).toFixed(2)}× | ${Math.round(f.waitP50)} ms |`,
      ),
    ];
    const timeline = await burst(db);
    const peak = Math.max(...timeline.points.map((p) => p.workers));
    rows.push(
      '',
      `Burst of ${BURST} jobs through \`npm run workers -- --min 1 --max 4 --capacity ${SLOTS}\`: peak ${peak} workers, ` +
        `queue drained after ${timeline.drainedS.toFixed(0)} s, back to 1 worker after ${timeline.backToOneS.toFixed(0)} s.`,
      '',
      'Decisions:',
      '',
      ...timeline.decisions.map((l) => `    ${l.replace(/^\S+ \[autoscaler\] /, '')}`),
    );
    mkdirSync(results, { recursive: true });
    writeFileSync(join(results, 'scaling.md'), rows.join('\n') + '\n');
    writeFileSync(join(results, 'scaling.json'), JSON.stringify({ date: new Date().toISOString(), fleets, ...timeline }, null, 1) + '\n');
    await writeTimelineChart(timeline.points, `Autoscaler: burst of ${BURST} jobs, 1 → 4 → 1 workers`, join(results, 'scaling.png'));
    console.log(rows.join('\n'));
  } finally {
    await db.end();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
