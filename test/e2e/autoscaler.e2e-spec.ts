import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { eventually } from './support/eventually';
import { Stack } from './support/stack';

jest.setTimeout(300_000);

const root = join(__dirname, '..', '..');
const artifacts = join(root, '.runq', 'test', 'artifacts');
const JOBS = 300;
const BATCH = 50;

let stack: Stack;
let scaler: ChildProcess;
let output = '';

/** The supervisor's worker processes (its direct children). */
function workerPids(): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(scaler.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function parseJson(line: string): { jobId?: string; msg?: unknown } | null {
  try {
    return JSON.parse(line) as { jobId?: string; msg?: unknown };
  } catch {
    return null;
  }
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const said = () =>
    output
      .split('\n')
      .filter((l) => l.includes('[autoscaler]'))
      .slice(-15)
      .join('\n');
  await eventually(check, { timeoutMs: ms, intervalMs: 200, message: () => `timed out waiting for ${what}; autoscaler said:\n${said()}` });
}

beforeAll(async () => {
  stack = await Stack.start('autoscaler', { worker: false });
  mkdirSync(artifacts, { recursive: true });
  scaler = spawn(
    process.execPath,
    [
      join(root, 'dist', 'scripts', 'workers.js'),
      ...['--min', '1', '--max', '4', '--capacity', '2', '--interval-ms', '500', '--scale-out-age-ms', '1500'],
      ...['--cooldown-out-ms', '2000', '--scale-in-idle-ms', '5000', '--cooldown-in-ms', '3000'],
    ],
    { env: { ...process.env, ...stack.environment }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = createWriteStream(join(root, '.runq', 'test', 'logs', 'autoscaler.log'));
  for (const stream of [scaler.stdout!, scaler.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  await until('the first worker', () => /worker \S+ ready/.test(output), 60_000);
});

afterAll(async () => {
  if (scaler && scaler.exitCode === null) {
    const exited = new Promise((r) => scaler.once('exit', r));
    scaler.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 45_000))]);
    if (scaler.exitCode === null) scaler.kill('SIGKILL');
  }
  await stack?.stop();
});

describe('local autoscaler (npm run workers) under a burst', () => {
  it('scales 1 → 4 for 300 jobs, survives a killed worker, runs every job exactly once, and scales back in', async () => {
    const started = Date.now();
    const timeline: { t: number; backlog: number; workers: number }[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const res = await stack.request('GET', '/metrics/backlog');
        if (res.status === 200) timeline.push({ t: Date.now() - started, backlog: res.body.backlog, workers: workerPids().length });
        await new Promise((r) => setTimeout(r, 250)); // the sampling interval
      }
    })();

    const ids: string[] = [];
    for (let b = 0; b < JOBS / BATCH; b++) {
      const jobs = Array.from({ length: BATCH }, (_, i) => ({ language: 'bash', code: `echo $((${b * BATCH + i} * 7))` }));
      const res = await stack.request('POST', '/jobs/batch', { body: { jobs } });
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((item: any) => item.id));
    }
    expect(new Set(ids).size).toBe(JOBS);

    // Mid-burst, once it has scaled out, one worker dies without a chance to clean up.
    await until('a scale-out to 3+ workers', () => workerPids().length >= 3, 60_000);
    const victim = workerPids()[0];
    process.kill(victim, 'SIGKILL');

    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    const rows = async () =>
      (
        await db.query<{ id: string; status: string; stdout: string | null; attempts: number }>(
          `SELECT id, status, run->>'stdout' AS stdout, attempts FROM jobs WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      ).rows;
    try {
      await until('all 300 jobs to complete', async () => (await rows()).every((r) => r.status === 'completed'), 180_000);
      const done = await rows();
      const expected = new Map(ids.map((id, n) => [id, `${n * 7}\n`]));
      for (const row of done) expect(row.stdout).toBe(expected.get(row.id));

      // Exactly once: at most one "finished: completed" line per job across every worker's output.
      const completions = new Map<string, number>();
      for (const line of output.split('\n')) {
        const entry = parseJson(line);
        if (entry?.jobId && String(entry.msg).startsWith('finished: completed'))
          completions.set(entry.jobId, (completions.get(entry.jobId) ?? 0) + 1);
      }
      // Never twice. A SIGKILL can swallow the killed worker's last lines (a result written, its log line not yet
      // flushed): at most its two slots' worth of jobs may lack a line, and their rows were checked complete above.
      expect(ids.filter((id) => (completions.get(id) ?? 0) > 1)).toEqual([]);
      expect(ids.filter((id) => !completions.get(id)).length).toBeLessThanOrEqual(2);
      const drainedAt = Date.now() - started;
      await until('the scale-in back to 1 worker', () => workerPids().length === 1, 60_000);
      sampling = false;
      await sampler;

      const peak = Math.max(...timeline.map((s) => s.workers));
      expect(peak).toBe(4);
      const decisions = output.split('\n').filter((l) => /\[autoscaler\] (out|in) /.test(l));
      expect(decisions.some((l) => /\[autoscaler\] out 1→/.test(l))).toBe(true);
      expect(decisions.some((l) => /\[autoscaler\] in \d→/.test(l))).toBe(true);
      expect(output).toMatch(/exited unexpectedly \(signal SIGKILL\)/);
      writeFileSync(
        join(artifacts, 'autoscaler-timeline.json'),
        JSON.stringify({ jobs: JOBS, drainedAtMs: drainedAt, killedPid: victim, timeline, decisions }, null, 1),
      );
    } finally {
      sampling = false;
      await sampler;
      await db.end();
    }
  });
});
