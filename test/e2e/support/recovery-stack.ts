import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import Docker from 'dockerode';
import { appendFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './eventually';
import { expectNoSandboxContainers, sandboxContainers } from './services';
import { freePort, OwnPostgres, OwnRedis } from './own-services';

const root = join(__dirname, '..', '..', '..');
const logDir = join(root, '.runq', 'test', 'logs');

interface Proc {
  child: ChildProcess;
  output: string;
}

export interface Timed<T> {
  value: T;
  ms: number;
}

/**
 * An API and any number of named workers (built, from dist/) on their own Redis and
 * Postgres (see own-services.ts), which tests may kill, stop and restart at will.
 * Workers log at debug level, where each written result is one line.
 */
export class RecoveryStack {
  readonly workers = new Map<string, Proc>();
  /** Workers being stopped or killed, and gone: their lines still count (a stopping worker's as they come). */
  private readonly leaving: Proc[] = [];
  private readonly started = new Set<string>();
  private api: Proc | null = null;
  adminKey = '';
  url = '';

  private constructor(
    private readonly name: string,
    readonly redis: OwnRedis,
    readonly postgres: OwnPostgres,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(name: string, env: NodeJS.ProcessEnv = {}): Promise<RecoveryStack> {
    const [redis, postgres] = await Promise.all([OwnRedis.start(name), OwnPostgres.create(name)]);
    await postgres.countCompletions();
    const port = await freePort();
    const stack = new RecoveryStack(name, redis, postgres, {
      ...process.env,
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      RUNQ_LOG_LEVEL: 'debug',
      RUNQ_WORKER_CONCURRENCY: '2',
      RUNQ_POOL_MAX: '2',
      ...env,
    });
    stack.url = `http://127.0.0.1:${port}`;
    stack.adminKey = execFileSync(
      process.execPath,
      [join(root, 'dist', 'scripts', 'keys.js'), 'create', '--name', name, '--role', 'admin'],
      {
        env: stack.env,
        encoding: 'utf8',
      },
    ).trim();
    await stack.startApi();
    return stack;
  }

  /** The fleet label of this stack's sandboxes (derived from its Redis, as the workers do). */
  workerId(name: string): string {
    return `rec-${this.name}-${name}-${process.pid}`;
  }

  async startApi(): Promise<void> {
    this.api = this.spawn('api', 'apps/api/src/main.js', {});
    await waitForOutput(this.api, [/listening on/], 20_000, 'api');
  }

  async startWorker(name: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
    this.started.add(name);
    const proc = this.spawn(`worker-${name}`, 'apps/worker/src/main.js', { RUNQ_WORKER_ID: this.workerId(name), ...env });
    this.workers.set(name, proc);
    await waitForOutput(proc, [/taking jobs from/, /worker \S+ ready/], 30_000, `worker ${name}`);
  }

  /** kill -9: no shutdown hook runs, containers and queue locks stay behind. */
  async killWorker(name: string): Promise<void> {
    const proc = this.take(name);
    await new Promise((resolve) => {
      proc.child.once('exit', resolve);
      proc.child.kill('SIGKILL');
    });
  }

  /** SIGTERM, as an orchestrator sends it; the exit code and how long the worker took to exit. */
  async terminateWorker(name: string, ms = 60_000): Promise<Timed<number | null>> {
    const proc = this.take(name);
    const started = Date.now();
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${name} still running ${ms} ms after SIGTERM`)), ms);
      proc.child.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
      proc.child.kill('SIGTERM');
    });
    return { value: code, ms: Date.now() - started };
  }

  /** Keeps a measurement in .runq/test/logs/recovery-measurements.log (the README and docs quote them). */
  measure(what: string, ms: number): void {
    mkdirSync(logDir, { recursive: true });
    appendFileSync(join(logDir, 'recovery-measurements.log'), `${new Date().toISOString()} ${this.name}: ${what}: ${ms} ms\n`);
  }

  /** Every line of every worker (running or gone) that matches. */
  workerLines(pattern: RegExp): string[] {
    const all = [...this.leaving, ...this.workers.values()].map((p) => p.output).join('\n');
    return all.split('\n').filter((line) => pattern.test(line));
  }

  /** How many times workers wrote a result for the job (one log line per written result). */
  writtenResults(jobId: string): number {
    // Worker lines are JSON: the job's id is a field, the message starts with "finished: completed".
    return this.workerLines(/finished: completed/).filter((line) => line.includes(`"jobId":"${jobId}"`)).length;
  }

  async request<T = any>(method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<Timed<{ status: number; body: T }>> {
    const started = Date.now();
    const res = await fetch(this.url + path, {
      method,
      headers: { 'X-API-Key': this.adminKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { value: { status: res.status, body: parsed as T }, ms: Date.now() - started };
  }

  /** POST /jobs, expecting 201; the job id. */
  async submit(body: object): Promise<string> {
    const { value } = await this.request('POST', '/jobs', body);
    if (value.status !== 201) throw new Error(`POST /jobs answered ${value.status}: ${JSON.stringify(value.body)}`);
    return value.body.id as string;
  }

  /** The row, read straight from Postgres. */
  async row(
    id: string,
  ): Promise<{ status: string; attempts: number; worker_id: string | null; message: string | null; outcome: string | null }> {
    const [row] = await this.postgres.query<any>('SELECT status, attempts, worker_id, message, outcome FROM jobs WHERE id = $1', [id]);
    return row;
  }

  /** Polls the row in Postgres until `until` holds (bounded). */
  async waitForRow(
    id: string,
    until: (row: Awaited<ReturnType<RecoveryStack['row']>>) => boolean,
    ms = 30_000,
  ): Promise<Awaited<ReturnType<RecoveryStack['row']>>> {
    return eventually(
      async () => {
        const row = await this.row(id);
        if (!until(row)) throw new Error(`job ${id} did not reach the expected state within ${ms} ms: ${JSON.stringify(row)}`);
        return row;
      },
      { timeoutMs: ms, intervalMs: 200 },
    );
  }

  async waitForAll(ids: string[], status: string, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    for (const id of ids) await this.waitForRow(id, (row) => row.status === status, Math.max(1000, deadline - Date.now()));
  }

  /** Sandbox containers of one worker (warm ones included). */
  containersOf(name: string) {
    return sandboxContainers({ 'runq.worker': this.workerId(name) });
  }

  expectNoContainersOf(name: string, ms: number): Promise<void> {
    return expectNoSandboxContainers({ 'runq.worker': this.workerId(name) }, ms);
  }

  async stop(): Promise<void> {
    const procs = [this.api, ...this.workers.values()].filter((p): p is Proc => p !== null);
    await Promise.all(procs.map((p) => stopProcess(p.child)));
    this.api = null;
    this.workers.clear();
    // Containers a killed worker left and no sweep reached before the end of the test.
    const left = (await Promise.all([...this.started].map((name) => this.containersOf(name)))).flat();
    await Promise.all(
      left.map((c) =>
        new Docker()
          .getContainer(c.Id)
          .remove({ force: true, v: true })
          .catch(() => undefined),
      ),
    );
    await Promise.all([this.redis.destroy(), this.postgres.destroy()]);
  }

  private take(name: string): Proc {
    const proc = this.workers.get(name);
    if (!proc) throw new Error(`no worker ${name}`);
    this.workers.delete(name);
    this.leaving.push(proc);
    return proc;
  }

  private spawn(role: string, script: string, env: NodeJS.ProcessEnv): Proc {
    mkdirSync(logDir, { recursive: true });
    const child = spawn(process.execPath, [join(root, 'dist', script)], {
      env: { ...this.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(join(logDir, `recovery-${this.name}-${role}.log`), { flags: 'a' });
    const proc: Proc = { child, output: '' };
    const keep = (chunk: Buffer) => (proc.output += chunk.toString());
    child.stdout!.on('data', keep).pipe(log);
    child.stderr!.on('data', keep).pipe(log);
    return proc;
  }
}

function waitForOutput(proc: Proc, patterns: RegExp[], ms: number, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not print ${patterns.join(' and ')} within ${ms} ms:\n${proc.output}`)),
      ms,
    );
    const check = () => {
      if (!patterns.every((p) => p.test(proc.output))) return;
      clearTimeout(timer);
      proc.child.stdout!.off('data', check);
      proc.child.stderr!.off('data', check);
      resolve();
    };
    proc.child.stdout!.on('data', check);
    proc.child.stderr!.on('data', check);
    proc.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} during start-up:\n${proc.output}`));
    });
    check();
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A Python program that sleeps, then prints `done`: long enough to be caught running. */
export function sleeper(seconds: number, tag = ''): object {
  return {
    language: 'python',
    code: `import time\ntime.sleep(${seconds})\nprint("done${tag}")`,
    limits: { timeoutMs: (seconds + 20) * 1000 },
  };
}
