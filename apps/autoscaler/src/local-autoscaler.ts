import { decideScaling, type LastScaling, type ScalingDecision, type ScalingSample, type ScalingSettings } from './scaling-policy';

/** A started worker process, as the supervisor sees it. */
export interface WorkerHandle {
  kill(signal: NodeJS.Signals): void;
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
}

/** Starts one worker process with the given RUNQ_WORKER_ID. */
export type WorkerSpawner = (workerId: string) => WorkerHandle;

export interface QueueReading {
  backlog: number;
  oldestWaitingAgeMs: number;
}

export interface LocalAutoscalerOptions {
  settings: ScalingSettings;
  /** Prefix of worker ids: `<host>-auto-<n>`. */
  host: string;
  /** First delay before restarting a crashed worker; doubles with each crash in a row. */
  restartBackoffMs?: number;
  restartBackoffMaxMs?: number;
  /** A worker that ran at least this long before exiting resets the crash streak. */
  healthyRunMs?: number;
}

interface Child {
  id: string;
  n: number;
  handle: WorkerHandle;
  startedAt: number;
  draining: boolean;
}

/**
 * Supervises worker processes on this host: samples the queue, asks the pure policy what to do, and starts or
 * drains processes to match. Scale-in sends SIGTERM to the newest worker, which stops taking jobs and finishes
 * (or re-queues) the ones it holds; the supervisor never kills a worker mid-job on its own.
 */
export class LocalAutoscaler {
  private readonly children: Child[] = [];
  private readonly history: ScalingSample[] = [];
  private last: LastScaling | undefined;
  private target: number;
  private nextNumber = 1;
  private crashesInRow = 0;
  private restartNotBefore = 0;
  private stopping = false;
  private allExited: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(
    private readonly spawn: WorkerSpawner,
    private readonly readQueue: () => Promise<QueueReading>,
    private readonly options: LocalAutoscalerOptions,
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.target = options.settings.min;
  }

  /** Workers taking jobs (draining ones excluded). */
  get workers(): number {
    return this.children.filter((c) => !c.draining).length;
  }

  /** Ids of all live processes, draining ones included. */
  get processIds(): string[] {
    return this.children.map((c) => c.id);
  }

  start(intervalMs: number): void {
    this.log(
      `autoscaler: min ${this.options.settings.min}, max ${this.options.settings.max}, ${this.options.settings.perWorkerCapacity} slots per worker`,
    );
    this.reconcile();
    this.timer = setInterval(() => {
      // A slow Redis must not stack ticks: skip one rather than decide on overlapping samples.
      if (this.ticking) return;
      this.ticking = true;
      void this.tick().finally(() => (this.ticking = false));
    }, intervalMs);
  }

  /** One sample, one decision, one log line, then processes are started or drained to match. */
  async tick(): Promise<ScalingDecision | undefined> {
    if (this.stopping) return undefined;
    let reading: QueueReading;
    try {
      reading = await this.readQueue();
    } catch (error) {
      this.log(`hold: queue metrics unavailable (${(error as Error).message}); keeping ${this.target} worker(s)`);
      this.reconcile();
      return undefined;
    }
    if (this.stopping) return undefined;
    const at = this.now();
    this.history.push({ at, ...reading, arrivalsPerSecond: this.growthPerSecond(at, reading.backlog), workers: this.workers });
    this.trimHistory(at);
    const decision = decideScaling(this.history, this.options.settings, this.last);
    this.log(`${decision.action} ${this.workers}→${decision.action === 'hold' ? this.target : decision.target}: ${decision.reason}`);
    if (decision.action !== 'hold') {
      this.target = decision.target;
      this.last = { action: decision.action, at };
    }
    this.reconcile();
    return decision;
  }

  /** SIGTERM to every worker; resolves when all have exited (each drains within its own grace period). */
  stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    const done = new Promise<void>((resolve) => (this.allExited = resolve));
    for (const child of this.children) {
      if (!child.draining) child.handle.kill('SIGTERM');
      child.draining = true;
    }
    this.log(`stopping: SIGTERM sent, waiting for ${this.children.length} worker(s) to drain`);
    this.resolveIfDone();
    return done;
  }

  /** Second signal: do not wait for the drain. */
  kill(): void {
    for (const child of this.children) child.handle.kill('SIGKILL');
  }

  private reconcile(): void {
    if (this.stopping) return;
    const live = this.children.filter((c) => !c.draining);
    if (live.length < this.target && this.now() >= this.restartNotBefore) {
      for (let i = live.length; i < this.target; i++) this.startWorker();
    }
    // Newest first: the oldest workers have the warmest container pools.
    for (const child of live.sort((a, b) => b.n - a.n).slice(0, Math.max(0, live.length - this.target))) {
      child.draining = true;
      child.handle.kill('SIGTERM');
      this.log(`draining ${child.id} (SIGTERM)`);
    }
  }

  private startWorker(): void {
    const n = this.nextNumber++;
    const id = `${this.options.host}-auto-${n}`;
    const child: Child = { id, n, handle: this.spawn(id), startedAt: this.now(), draining: false };
    this.children.push(child);
    child.handle.onExit((code, signal) => this.exited(child, code, signal));
    this.log(`started ${id}`);
  }

  private exited(child: Child, code: number | null, signal: NodeJS.Signals | null): void {
    const index = this.children.indexOf(child);
    if (index < 0) return;
    this.children.splice(index, 1);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (child.draining) {
      this.log(`${child.id} exited after draining (${how})`);
    } else {
      const ranMs = this.now() - child.startedAt;
      this.crashesInRow = ranMs >= (this.options.healthyRunMs ?? 60_000) ? 1 : this.crashesInRow + 1;
      // A worker that dies at start (bad config, Docker down) would otherwise be restarted every second.
      const backoff = Math.min(
        this.options.restartBackoffMaxMs ?? 30_000,
        (this.options.restartBackoffMs ?? 1000) * 2 ** (this.crashesInRow - 1),
      );
      this.restartNotBefore = this.now() + backoff;
      this.log(
        `${child.id} exited unexpectedly (${how}) after ${ranMs} ms; restarting in ${backoff} ms if still below target ${this.target}`,
      );
    }
    this.resolveIfDone();
  }

  private resolveIfDone(): void {
    if (this.stopping && this.children.length === 0) this.allExited?.();
  }

  /** Net growth of the backlog: a lower bound of arrivals (BullMQ keeps no arrival counter for custom job ids). */
  private growthPerSecond(at: number, backlog: number): number {
    const previous = this.history[this.history.length - 1];
    if (!previous || at <= previous.at) return 0;
    return Math.max(0, backlog - previous.backlog) / ((at - previous.at) / 1000);
  }

  /** Keeps exactly one sample at or before the scale-in window's start, which the policy needs as proof of the window. */
  private trimHistory(at: number): void {
    const windowStart = at - this.options.settings.scaleInIdleMs;
    while (this.history.length > 1 && this.history[1].at <= windowStart) this.history.shift();
  }
}
