import type Docker from 'dockerode';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildContainerSpec, type SandboxProfile } from '../docker/container-spec';
import { harnessSourceDir } from '../function/function-harness';
import { IsolateHost } from './isolate-host';

export interface IsolateHostSettings {
  /** The image the host runs in (the Node.js image: its node matches the engine's prebuilt binary). */
  image: string;
  /** Hosts kept running. */
  hosts: number;
  /** A host is replaced after this many jobs. */
  recycleAfterJobs: number;
  /** The host container's own limits, over all the isolates in it. */
  profile: SandboxProfile;
  labels: Record<string, string>;
  readyTimeoutMs: number;
}

/** What heartbeats and the dashboard show about the hosts. */
export interface IsolateHostStats {
  hosts: number;
  running: number;
  served: number;
  replaced: number;
}

const HOST_DIR_IN_SANDBOX = '/opt/runq-isolate/host';
const ENGINE_DIR_IN_SANDBOX = '/opt/runq-isolate/isolated-vm';
const HARNESS_DIR_IN_SANDBOX = '/opt/runq-isolate/harness';

/** The host program: next to this module in a source checkout, or in libs/ when running from dist/. */
function hostSourceDir(): string {
  const candidates = [join(__dirname, 'host'), resolve(__dirname, '../../../../../libs/sandbox/src/isolate/host')];
  const found = candidates.find((dir) => existsSync(join(dir, 'isolate-host.js')));
  if (!found) throw new Error(`sandbox host program not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * The worker's sandbox hosts: started ahead, a job goes to the least busy one. A host that
 * died is replaced on the next job; one that served `recycleAfterJobs` is replaced once its
 * successor is ready, and removed when its last job has ended.
 */
export class IsolateHostPool {
  private readonly slots: (Promise<IsolateHost> | null)[];
  /** Started hosts by slot. */
  private readonly ready = new Map<number, IsolateHost>();
  private readonly draining = new Set<IsolateHost>();
  /** Slots whose host is past its job count and has a replacement starting. */
  private readonly replacing = new Set<number>();
  private served = 0;
  private replaced = 0;
  private closed = false;

  constructor(
    private readonly docker: Docker,
    private readonly settings: IsolateHostSettings,
  ) {
    this.slots = Array.from({ length: Math.max(1, settings.hosts) }, () => null);
  }

  /** Starts the hosts in the background, so the first jobs find them ready. */
  warm(): void {
    this.slots.forEach((_, i) => void this.slot(i).catch(() => undefined));
  }

  /** A live host for one job; the caller hands it back with release(). */
  async acquire(): Promise<IsolateHost> {
    const hosts = await Promise.all(this.slots.map((_, i) => this.slot(i).catch(() => null)));
    const live = hosts.filter((host): host is IsolateHost => host !== null && host.alive);
    if (!live.length) return this.slot(0);
    return live.reduce((best, host) => (host.running < best.running ? host : best));
  }

  /**
   * After a job: a host past its job count is replaced. It keeps taking jobs until its
   * replacement is ready (a start takes about half a second; jobs must not wait for it),
   * then is taken out of service and removed once idle.
   */
  release(host: IsolateHost): void {
    this.served++;
    const index = this.slotOf(host);
    if (host.served >= this.settings.recycleAfterJobs && index >= 0 && !this.closed && !this.replacing.has(index)) {
      this.replacing.add(index);
      void this.replace(index, host).finally(() => this.replacing.delete(index));
    }
    if (this.draining.has(host)) this.retireWhenIdle(host);
  }

  private async replace(index: number, old: IsolateHost): Promise<void> {
    let next: IsolateHost;
    try {
      next = await IsolateHost.start(this.docker, this.spec(), this.settings.readyTimeoutMs);
    } catch {
      return; // the old host serves on; its next job tries again
    }
    if (this.closed || this.ready.get(index) !== old) {
      void next.retire();
      return;
    }
    this.ready.set(index, next);
    this.slots[index] = Promise.resolve(next);
    this.replaced++;
    this.draining.add(old);
    this.retireWhenIdle(old);
  }

  private retireWhenIdle(host: IsolateHost): void {
    void host.whenIdle().then(() => {
      if (!this.draining.delete(host)) return;
      return host.retire();
    });
  }

  stats(): IsolateHostStats {
    return {
      hosts: this.known.filter((host) => host.alive).length,
      running: this.known.reduce((n, host) => n + host.running, 0),
      served: this.served,
      replaced: this.replaced,
    };
  }

  async stop(): Promise<void> {
    this.closed = true;
    const hosts = await Promise.all(this.slots.map((slot) => slot?.catch(() => null) ?? null));
    this.slots.fill(null);
    await Promise.all([...hosts, ...this.draining].map((host) => host?.retire()));
    this.draining.clear();
  }

  private get known(): IsolateHost[] {
    return [...this.ready.values(), ...this.draining];
  }

  private slotOf(host: IsolateHost): number {
    for (const [index, known] of this.ready) if (known === host) return index;
    return -1;
  }

  /** The host in a slot, started (again) when the slot is empty or its host died. */
  private slot(index: number): Promise<IsolateHost> {
    const current = this.ready.get(index);
    if (current && !current.alive) {
      this.ready.delete(index);
      this.slots[index] = null;
      this.replaced++;
      void current.retire();
    }
    let slot = this.slots[index];
    if (!slot) {
      slot = IsolateHost.start(this.docker, this.spec(), this.settings.readyTimeoutMs).then((host) => {
        this.ready.set(index, host);
        return host;
      });
      slot.catch(() => (this.slots[index] = null));
      this.slots[index] = slot;
    }
    return slot;
  }

  private spec() {
    const engine = dirname(require.resolve('isolated-vm/package.json'));
    return buildContainerSpec({
      image: this.settings.image,
      cmd: ['node', '--no-node-snapshot', `${HOST_DIR_IN_SANDBOX}/isolate-host.js`],
      env: [`RUNQ_ISOLATE_ENGINE=${ENGINE_DIR_IN_SANDBOX}`, `RUNQ_ISOLATE_HARNESS=${HARNESS_DIR_IN_SANDBOX}`],
      profile: this.settings.profile,
      labels: { ...this.settings.labels, 'runq.stage': 'isolate-host' },
      readOnlyMounts: [
        { source: hostSourceDir(), target: HOST_DIR_IN_SANDBOX },
        { source: engine, target: ENGINE_DIR_IN_SANDBOX },
        { source: harnessSourceDir(), target: HARNESS_DIR_IN_SANDBOX },
      ],
    });
  }
}
