/**
 * npm run bench: runq end to end through HTTP against two baselines measured in the same
 * run — A: a hardened `docker run --rm` per call (a naive Docker runner), B: the bare
 * program on the host (the floor). Prints a markdown table, writes bench/results/latest.json
 * and latest.png. Bounded: a few minutes on a 2-core machine.
 * Env: RUNQ_URL, RUNQ_BENCH_KEY; optional RUNQ_BENCH_PIDS ("api=1,worker=2"), DATABASE_URL.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerRun, hostRun } from './baselines';
import { isolateLoad, processMemoryMb } from './isolate-bench';
import { writeChart, type ChartRow } from './chart';
import { pistonHello, pistonServer } from './piston-scenario';
import { PROGRAMS, type BenchProgram } from './programs';
import { closedLoop, ms, percentile, ratio, summarize, type Summary } from './stats';

const url = process.env.RUNQ_URL ?? 'http://127.0.0.1:3000';
const key = process.env.RUNQ_BENCH_KEY ?? '';
const prefix = process.env.RUNQ_IMAGE_PREFIX ?? 'runq/';
const SEQUENTIAL = Number(process.env.RUNQ_BENCH_CALLS ?? 100);
const results = join(__dirname, '..', '..', 'bench', 'results');

interface Job {
  status: string;
  outcome: string;
  totalMs: number;
  timings: { sandboxMs: number; warm: boolean } | null;
  run: { stdout: string } | null;
  result?: unknown;
}

async function post(body: Record<string, unknown>): Promise<{ status: number; job: Job }> {
  const res = await fetch(`${url}/execute`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-API-Key': key },
    body: JSON.stringify(body),
  });
  return { status: res.status, job: (await res.json()) as Job };
}

async function execute(program: BenchProgram): Promise<Job> {
  const body = { language: program.language, code: program.code, limits: { cpus: program.cpus, timeoutMs: 20_000 }, ...program.request };
  const { status, job } = await post(body);
  const wrong = status !== 200 || job.outcome !== 'ok' || (program.result !== undefined && job.result !== program.result);
  if (wrong) throw new Error(`runq ${program.id}: ${status} ${JSON.stringify(job).slice(0, 300)}`);
  return job;
}

/** A job that must complete ok (the isolate load checks each result itself). */
async function executeOk(body: Record<string, unknown>): Promise<Job> {
  const { status, job } = await post(body);
  if (status !== 200 || job.outcome !== 'ok') throw new Error(`runq: ${status} ${JSON.stringify(job).slice(0, 300)}`);
  return job;
}

async function sequential(count: number, task: () => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await task();
    latencies.push(performance.now() - t);
  }
  return latencies;
}

async function main(): Promise<void> {
  const started = Date.now();
  const report: Record<string, unknown> = { date: new Date().toISOString(), url, sequentialCalls: SEQUENTIAL };
  const rows: string[] = [];
  const chart: ChartRow[] = [];
  const seq: Record<string, { runq: Summary; a: Summary; b: Summary | null; overheadP50: number; warmShare: number }> = {};

  for (const program of PROGRAMS) {
    const calls = program.id.includes('fib') ? 10 : SEQUENTIAL;
    process.stdout.write(`  ${program.id}: runq…`);
    for (let i = 0; i < 5; i++) await execute(program); // warm-up: lets the pool size itself
    const jobs: Job[] = [];
    const runq = summarize(await sequential(calls, async () => jobs.push(await execute(program))));
    const overhead = jobs.map((j) => j.totalMs - (j.timings?.sandboxMs ?? 0));
    process.stdout.write(' baseline A…');
    const a = summarize(await sequential(Math.min(calls, 30), dockerRun(program, prefix)));
    process.stdout.write(' baseline B…\n');
    const host = hostRun(program);
    const b = host ? summarize(await sequential(Math.min(calls, 30), host)) : null;
    seq[program.id] = {
      runq,
      a,
      b,
      overheadP50: percentile(overhead, 50),
      warmShare: jobs.filter((j) => j.timings?.warm).length / jobs.length,
    };
    chart.push({ program: program.id, system: 'runq', p50: runq.p50 }, { program: program.id, system: 'A: docker run --rm', p50: a.p50 });
    if (b) chart.push({ program: program.id, system: 'B: bare process', p50: b.p50 });
  }
  report.sequential = seq;
  process.stdout.write('  python-hello through /piston (piston-client)…\n');
  const piston = summarize(await pistonHello(pistonServer(url, key), Math.min(SEQUENTIAL, 50)));
  report.piston = piston;

  const python = PROGRAMS[0];
  const concurrent: Record<string, { perSecond: number; p99: number }> = {};
  for (const clients of [8, 32]) {
    process.stdout.write(`  concurrency ${clients}: runq…`);
    const r = await closedLoop(clients, clients * 12, async () => void (await execute(python)));
    process.stdout.write(' baseline A…\n');
    const d = await closedLoop(clients, clients * 4, dockerRun(python, prefix));
    concurrent[`runq_${clients}`] = { perSecond: r.perSecond, p99: percentile(r.latencies, 99) };
    concurrent[`dockerRun_${clients}`] = { perSecond: d.perSecond, p99: percentile(d.latencies, 99) };
  }
  report.concurrent = concurrent;
  process.stdout.write('  isolate, 16 concurrent clients…\n');
  const isolate = await isolateLoad(executeOk);
  report.isolate = isolate;
  report.peakRssMb = processMemoryMb('VmHWM');
  report.seconds = (Date.now() - started) / 1000;

  rows.push(
    '| Program | runq p50 / p95 / p99 | A: docker run --rm p50 | B: bare p50 | runq ÷ A | runq − B (p50) | platform overhead p50 | warm |',
  );
  rows.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [id, s] of Object.entries(seq)) {
    rows.push(
      `| ${id} | ${ms(s.runq.p50)} / ${ms(s.runq.p95)} / ${ms(s.runq.p99)} | ${ms(s.a.p50)} | ${ms(s.b?.p50 ?? NaN)} | ${ratio(s.runq.p50, s.a.p50)} | ${ms(s.runq.p50 - (s.b?.p50 ?? NaN))} | ${ms(s.overheadP50)} | ${(s.warmShare * 100).toFixed(0)}% |`,
    );
  }
  rows.push(
    '',
    '| Python hello, concurrent clients | runq jobs/s | runq p99 | A jobs/s | A p99 | runq ÷ A throughput |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const clients of [8, 32]) {
    const r = concurrent[`runq_${clients}`];
    const d = concurrent[`dockerRun_${clients}`];
    rows.push(
      `| ${clients} | ${r.perSecond.toFixed(1)} | ${ms(r.p99)} | ${d.perSecond.toFixed(1)} | ${ms(d.p99)} | ${ratio(r.perSecond, d.perSecond)} |`,
    );
  }
  const container = seq['node-function'];
  const fast = seq['node-function-isolate'];
  rows.push(
    '',
    `Python hello through /piston with piston-client: p50 ${ms(piston.p50)}, p95 ${ms(piston.p95)}, p99 ${ms(piston.p99)}.`,
    `Isolate vs container (function \`INPUTS.x + INPUTS.y\`, p50): ${ms(fast.runq.p50)} vs ${ms(container.runq.p50)}, ${ratio(container.runq.p50, fast.runq.p50)} faster; bare \`node -e\` ${ms(fast.b?.p50 ?? NaN)}.`,
    `Isolate, ${isolate.clients} concurrent clients (worker slots: ${process.env.RUNQ_WORKER_CONCURRENCY ?? 'default'}, adaptive: ${process.env.RUNQ_WORKER_ADAPTIVE ?? 'true'}): ${isolate.perSecond.toFixed(0)} jobs/s (${isolate.jobs} jobs, every answer checked), p50 ${ms(isolate.p50)}, p99 ${ms(isolate.p99)}; RSS at the end: ${Object.entries(
      isolate.rssMb,
    )
      .map(([k, v]) => `${k} ${v.toFixed(0)} MB`)
      .join(', ')}.`,
  );
  const rss = report.peakRssMb as Record<string, number>;
  rows.push('');
  if (Object.keys(rss).length)
    rows.push(
      `Peak RSS: ${Object.entries(rss)
        .map(([k, v]) => `${k} ${v.toFixed(0)} MB`)
        .join(', ')}.`,
    );
  rows.push(`Bench wall time ${(report.seconds as number).toFixed(0)} s.`);

  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(results, 'latest.md'), rows.join('\n') + '\n');
  await writeChart(chart, join(results, 'latest.png')).catch((error: Error) => console.error(`chart not written: ${error.message}`));
  console.log('\n' + rows.join('\n'));
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
