import type { ContainerCreateOptions } from 'dockerode';
import type {
  ContainerRunRequest,
  ContainerRunResult,
  ContainerRunner,
  DockerContainerRunner,
  PreparedContainer,
} from '../docker/container-runner';
import { poolKey } from './pool-key';
import { targetSizes, type SizingPolicy } from './pool-sizing';

export interface PoolSettings extends SizingPolicy {
  enabled: boolean;
  /** Warm containers older than this are replaced (keeps clocks and images fresh). */
  maxAgeMs: number;
  /** Labels for warm containers (the worker's id, so a dead worker's are cleaned up). */
  labels: Record<string, string>;
}

export interface PoolStats {
  hits: number;
  misses: number;
  /** Warm containers per profile, by a readable name (image and memory). */
  sizes: Record<string, number>;
}

interface Profile {
  spec: ContainerCreateOptions;
  name: string;
  ready: PreparedContainer[];
  creating: number;
  arrivals: number[];
}

const REFILL_CONCURRENCY = 2;
const CLOSE_WAIT_MS = 10_000;
const TICK_MS = 2000;

/**
 * Keeps warm containers per profile, started with the full hardening profile and blocked
 * reading their job on stdin. A container serves exactly one job and is then removed
 * (by the runner, off the result's path); the pool refills in the background from the
 * recent demand and shrinks when a profile goes quiet. Jobs whose profile has no warm
 * container start a cold one, as without the pool.
 */
export class ContainerPool implements ContainerRunner {
  private readonly profiles = new Map<string, Profile>();
  private hits = 0;
  private misses = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly starting = new Set<Promise<unknown>>();

  constructor(
    private readonly docker: DockerContainerRunner,
    private readonly settings: PoolSettings,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (settings.enabled) {
      this.timer = setInterval(() => this.tick(), TICK_MS);
      this.timer.unref();
    }
  }

  async run(request: ContainerRunRequest): Promise<ContainerRunResult> {
    if (!this.settings.enabled || this.closed) return this.docker.run(request);
    const profile = this.profile(request.spec);
    profile.arrivals.push(this.now());
    const warm = profile.ready.shift();
    // Refill now, beside the job: the replacement is then ready for the next request (a
    // refill after the job loses that race to a client sending jobs one after another).
    this.refill();
    if (!warm) {
      this.misses++;
      return this.docker.run(request);
    }
    this.hits++;
    return { ...(await this.docker.execute(warm, request)), warm: true };
  }

  stats(): PoolStats {
    const sizes: Record<string, number> = {};
    for (const p of this.profiles.values()) sizes[p.name] = (sizes[p.name] ?? 0) + p.ready.length;
    return { hits: this.hits, misses: this.misses, sizes };
  }

  /**
   * Nest calls this when the pool is a provider, after every onModuleDestroy (the worker's
   * drain): removals of the last jobs' containers are then waited for too.
   */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /** Removes every warm container, including those still starting; later runs start cold. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    for (const p of this.profiles.values()) p.ready.splice(0).forEach((c) => this.docker.discard(c));
    // A container still being created would outlive the process: wait for it, then discard it.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.starting]), new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    await this.docker.settle();
  }

  private profile(spec: ContainerCreateOptions): Profile {
    const key = poolKey(spec);
    let profile = this.profiles.get(key);
    if (!profile) {
      const warmSpec = { ...spec, Labels: { ...spec.Labels, ...this.settings.labels, 'runq.pool': key } };
      delete (warmSpec.Labels as Record<string, string>)['runq.job'];
      const name = `${spec.Image}/${Math.round((spec.HostConfig?.Memory ?? 0) / 1048576)}m/${(spec.Cmd ?? []).join(' ')}`;
      profile = { spec: warmSpec, name, ready: [], creating: 0, arrivals: [] };
      this.profiles.set(key, profile);
    }
    return profile;
  }

  private targets(): Map<string, number> {
    const now = this.now();
    for (const p of this.profiles.values()) p.arrivals = p.arrivals.filter((t) => now - t <= this.settings.windowMs);
    return targetSizes(
      [...this.profiles].map(([key, p]) => ({ key, arrivals: p.arrivals })),
      now,
      this.settings,
    );
  }

  /** Starts warm containers where a profile is below its target, a few at a time. */
  private refill(): void {
    if (this.closed) return;
    const targets = this.targets();
    for (const [key, target] of targets) {
      const p = this.profiles.get(key);
      if (!p) continue;
      while (p.ready.length + p.creating < target && this.inFlight < REFILL_CONCURRENCY) {
        p.creating++;
        this.inFlight++;
        const starting: Promise<unknown> = this.docker
          .prepare(p.spec)
          .then((warm) => (this.closed ? this.docker.discard(warm) : p.ready.push(warm)))
          .catch(() => undefined) // a failed warm start only means the next job starts cold
          .finally(() => {
            this.starting.delete(starting);
            p.creating--;
            this.inFlight--;
            this.refill();
          });
        this.starting.add(starting);
      }
    }
  }

  /** Periodic upkeep: drop surplus and stale warm containers, then refill. */
  private tick(): void {
    const targets = this.targets();
    const now = this.now();
    for (const [key, p] of this.profiles) {
      const target = targets.get(key) ?? 0;
      const stale = p.ready.filter((c) => now - c.startedAt > this.settings.maxAgeMs);
      const surplus = Math.max(0, p.ready.length - stale.length - target);
      const drop = [...stale, ...p.ready.filter((c) => !stale.includes(c)).slice(0, surplus)];
      p.ready = p.ready.filter((c) => !drop.includes(c));
      drop.forEach((c) => this.docker.discard(c));
      if (!p.ready.length && !p.creating && !p.arrivals.length) this.profiles.delete(key);
    }
    this.refill();
  }
}
