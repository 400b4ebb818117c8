/**
 * The isolate scenarios of npm run bench: 16 concurrent clients sending the expression
 * `INPUTS.x + INPUTS.y` with fresh inputs each (every answer checked), and the memory of
 * the API, the worker and the sandbox hosts under that load.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { closedLoop, percentile } from './stats';

export interface IsolateLoad {
  clients: number;
  jobs: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Resident memory at the end of the load, MB: api, worker, and the sandbox host containers together. */
  rssMb: Record<string, number>;
}

type Execute = (body: Record<string, unknown>) => Promise<{ result?: unknown }>;

export async function isolateLoad(execute: Execute, clients = 16, jobs = 1600): Promise<IsolateLoad> {
  let n = 0;
  const run = await closedLoop(clients, jobs, async () => {
    const x = n++;
    const job = await execute({ language: 'javascript', code: 'INPUTS.x + INPUTS.y', inputs: { x, y: 1 }, isolation: 'isolate' });
    if (job.result !== x + 1) throw new Error(`isolate load: ${x} + 1 answered ${JSON.stringify(job.result)}`);
  });
  return {
    clients,
    jobs,
    perSecond: run.perSecond,
    p50: percentile(run.latencies, 50),
    p99: percentile(run.latencies, 99),
    rssMb: { ...processMemoryMb('VmRSS'), hosts: hostsMemoryMb() },
  };
}

/** Resident memory (VmRSS, now) or its peak (VmHWM) of the processes in RUNQ_BENCH_PIDS ("api=1,worker=2"), MB. */
export function processMemoryMb(field: 'VmRSS' | 'VmHWM'): Record<string, number> {
  const rss: Record<string, number> = {};
  for (const pair of (process.env.RUNQ_BENCH_PIDS ?? '').split(',').filter(Boolean)) {
    const [name, pid] = pair.split('=');
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) rss[name] = Number(kb) / 1024;
  }
  return rss;
}

/** The memory cgroups of the sandbox host containers, summed (docker stats). */
function hostsMemoryMb(): number {
  const ids = execFileSync('docker', ['ps', '-q', '--filter', 'label=runq.stage=isolate-host'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  if (!ids.length) return 0;
  const lines = execFileSync('docker', ['stats', '--no-stream', '--format', '{{.MemUsage}}', ...ids], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const units: Record<string, number> = { B: 1 / 1024 / 1024, KiB: 1 / 1024, MiB: 1, GiB: 1024 };
  return lines.reduce((sum, line) => {
    const [, value, unit] = /^([\d.]+)\s*([KMG]?i?B)/.exec(line) ?? [];
    return sum + (value ? Number(value) * (units[unit] ?? 1) : 0);
  }, 0);
}
