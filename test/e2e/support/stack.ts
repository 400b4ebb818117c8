import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './own-services';

const root = join(__dirname, '..', '..', '..');
const logDir = join(root, '.runq', 'test', 'logs');

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Runs a built script of this project (dist/) with the test environment. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(process.execPath, [join(root, 'dist', script), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  }).trim();
}

/** Resolves with the output seen so far once every pattern has appeared in it. */
function waitForLines(child: ChildProcess, patterns: RegExp[], ms: number, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not print ${patterns.join(' and ')} within ${ms} ms:\n${seen}`)), ms);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (patterns.every((p) => p.test(seen))) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} during start-up:\n${seen}`));
    });
  });
}

/**
 * The real API and worker processes (built into dist/) on loopback, against the Redis,
 * Postgres and Docker engine that `npm test` prepared. Each suite gets its own pair.
 */
export class Stack {
  api: ChildProcess | null = null;
  worker: ChildProcess | null = null;
  /** Further workers of this stack (other pools, other settings), stopped with it. */
  readonly extraWorkers: ChildProcess[] = [];
  adminKey = '';
  /** The worker's id: it labels every container the worker starts, warm ones included. */
  readonly workerId: string;
  userKey = '';
  url = '';
  /** The worker's GET /metrics URL (it binds a free loopback port in tests). */
  workerMetricsUrl = '';

  private constructor(
    private readonly name: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.workerId = env.RUNQ_WORKER_ID!;
  }

  static async start(name: string, options: { worker?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Stack> {
    const port = await freePort();
    const env = {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      RUNQ_LOG_LEVEL: 'log',
      RUNQ_WORKER_CONCURRENCY: '4',
      // Fixed slots: the machine running the suites is shared, and tests count on their concurrency.
      RUNQ_WORKER_ADAPTIVE: 'false',
      RUNQ_WORKER_ID: `e2e-${name}-${process.pid}`,
      RUNQ_WORKER_METRICS_PORT: '0',
      ...options.env,
    };
    const stack = new Stack(name, env);
    stack.url = `http://127.0.0.1:${port}`;
    stack.adminKey = runScript('scripts/keys.js', ['create', '--name', `e2e-${name}-admin`, '--role', 'admin']);
    stack.userKey = runScript('scripts/keys.js', ['create', '--name', `e2e-${name}-user`, '--role', 'user']);
    try {
      if (options.worker !== false) await stack.startWorker();
      stack.api = stack.spawn('api', 'apps/api/src/main.js');
      await waitForLines(stack.api, [/listening on/], 20_000, 'api');
    } catch (error) {
      await stack.stop(); // a stack that did not start leaves no process behind
      throw error;
    }
    return stack;
  }

  private spawn(role: string, script: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
    mkdirSync(logDir, { recursive: true });
    const child = spawn(process.execPath, [join(root, 'dist', script)], {
      env: { ...this.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(join(logDir, `${this.name}-${role}.log`), { flags: 'a' });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    return child;
  }

  async startWorker(): Promise<void> {
    this.worker = this.spawn('worker', 'apps/worker/src/main.js');
    // Its first heartbeat ("ready") lets the API see its languages and versions.
    const seen = await waitForLines(
      this.worker,
      [/taking jobs from/, /worker \S+ ready/, /metrics on http:\/\/\S+\/metrics/],
      30_000,
      'worker',
    );
    this.workerMetricsUrl = /metrics on (http:\/\/\S+\/metrics)/.exec(seen)![1];
  }

  /** The environment the stack's processes run with (URLs, ports), for extra processes of a test. */
  get environment(): NodeJS.ProcessEnv {
    return { ...this.env };
  }

  /** Another worker process with its own id and extra environment (e.g. another pool). */
  async startExtraWorker(suffix: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
    const worker = this.spawn(`worker-${suffix}`, 'apps/worker/src/main.js', { RUNQ_WORKER_ID: `${this.workerId}-${suffix}`, ...env });
    this.extraWorkers.push(worker);
    await waitForLines(worker, [/taking jobs from/, /worker \S+ ready/], 30_000, `worker ${suffix}`);
    return worker;
  }

  /** SIGTERM, as an orchestrator would; resolves with the exit code. */
  async stopWorker(): Promise<number | null> {
    const code = await stopProcess(this.worker);
    this.worker = null;
    return code;
  }

  async stop(): Promise<void> {
    await Promise.all([stopProcess(this.api), stopProcess(this.worker), ...this.extraWorkers.map(stopProcess)]);
    this.api = this.worker = null;
    this.extraWorkers.length = 0;
  }

  async request<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; key?: string | null; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? this.adminKey : options.key;
    if (key) headers['X-API-Key'] = key;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['Content-Type'] ??= 'application/json';
    const res = await fetch(this.url + path, { method, headers, body, signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** Polls GET /jobs/:id until the job's status satisfies `until` (bounded). */
  async waitFor(id: string, until: (job: any) => boolean, ms = 30_000): Promise<any> {
    const deadline = Date.now() + ms;
    for (;;) {
      const { body } = await this.request('GET', `/jobs/${id}`);
      if (until(body)) return body;
      if (Date.now() > deadline) throw new Error(`job ${id} did not reach the expected state: ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function stopProcess(child: ChildProcess | null): Promise<number | null> {
  if (!child || child.exitCode !== null) return child?.exitCode ?? null;
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}
