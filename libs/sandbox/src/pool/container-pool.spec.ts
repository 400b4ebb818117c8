import type { ContainerCreateOptions } from 'dockerode';
import type { ContainerRunRequest, DockerContainerRunner, PreparedContainer } from '../docker/container-runner';
import { ContainerPool, type PoolSettings } from './container-pool';

const settings: PoolSettings = {
  enabled: true,
  windowMs: 10_000,
  horizonMs: 2_000,
  maxPerProfile: 4,
  maxTotal: 6,
  idleSize: 1,
  maxAgeMs: 300_000,
  labels: { 'runq.worker': 'w1' },
};

/** A fake engine: prepared containers are numbered; records what ran where. */
class FakeDocker {
  prepared: { spec: ContainerCreateOptions; id: number }[] = [];
  executed: { id: number; input: string }[] = [];
  cold: string[] = [];
  discarded: number[] = [];
  async prepare(spec: ContainerCreateOptions): Promise<PreparedContainer> {
    const id = this.prepared.length + 1;
    this.prepared.push({ spec, id });
    return { id, startedAt: 0 } as unknown as PreparedContainer;
  }
  async execute(prepared: PreparedContainer, request: ContainerRunRequest) {
    this.executed.push({ id: (prepared as unknown as { id: number }).id, input: request.input.toString() });
    return { statusCode: 0 } as never;
  }
  async run(request: ContainerRunRequest) {
    this.cold.push(request.input.toString());
    return { statusCode: 0 } as never;
  }
  discard(prepared: PreparedContainer) {
    this.discarded.push((prepared as unknown as { id: number }).id);
  }
  async settle() {}
}

const spec = (memory = 128): ContainerCreateOptions => ({
  Image: 'runq/python:latest',
  Cmd: ['/opt/runq/run'],
  Labels: { 'runq.job': 'job-1', 'runq.stage': 'run' },
  HostConfig: { Memory: memory * 1048576 },
});
const request = (input: string, memory = 128): ContainerRunRequest => ({
  spec: spec(memory),
  input: Buffer.from(input),
  deadlineMs: 1000,
  stdoutCap: 1,
  stderrCap: 1,
});
const settle = () => new Promise((r) => setImmediate(r));

describe('ContainerPool', () => {
  let docker: FakeDocker;
  let pool: ContainerPool;
  let clock: number;
  beforeEach(() => {
    docker = new FakeDocker();
    clock = 100_000;
    pool = new ContainerPool(docker as unknown as DockerContainerRunner, { ...settings, enabled: true }, () => clock);
  });
  afterEach(() => pool.close());

  it('starts the first job of a profile cold, then keeps a warm container for the next', async () => {
    await pool.run(request('job 1'));
    expect(docker.cold).toEqual(['job 1']);
    await settle();
    expect(docker.prepared).toHaveLength(1);
    await pool.run(request('job 2'));
    expect(docker.executed).toEqual([{ id: 1, input: 'job 2' }]);
    expect(pool.stats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it('never hands the same warm container to two jobs', async () => {
    await pool.run(request('a'));
    for (let i = 0; i < 8; i++) {
      await settle();
      await pool.run(request(`job ${i}`));
    }
    const ids = docker.executed.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('creates warm containers without the job label and with the worker label', async () => {
    await pool.run(request('a'));
    await settle();
    expect(docker.prepared[0].spec.Labels).toMatchObject({ 'runq.worker': 'w1', 'runq.stage': 'run' });
    expect(docker.prepared[0].spec.Labels).not.toHaveProperty('runq.job');
  });

  it('keys warm containers by profile: a job with other limits does not take them', async () => {
    await pool.run(request('a', 128));
    await settle();
    await pool.run(request('b', 256));
    expect(docker.cold).toEqual(['a', 'b']);
    expect(docker.executed).toEqual([]);
  });

  it('refills up to the demand after a burst, never above the per-profile cap', async () => {
    for (let i = 0; i < 20; i++) await pool.run(request(`burst ${i}`));
    for (let i = 0; i < 10; i++) await settle();
    expect(pool.stats().sizes['runq/python:latest/128m//opt/runq/run']).toBe(4);
  });

  it('shrinks when a profile goes quiet, and closes by discarding every warm container', async () => {
    for (let i = 0; i < 10; i++) await pool.run(request(`x ${i}`));
    for (let i = 0; i < 10; i++) await settle();
    clock += 11_000; // the window has passed
    (pool as unknown as { tick: () => void }).tick();
    expect(Object.values(pool.stats().sizes).reduce((a, b) => a + b, 0)).toBe(0);
    expect(docker.discarded.length).toBeGreaterThan(0);
  });

  it('runs everything cold when disabled', async () => {
    const off = new ContainerPool(docker as unknown as DockerContainerRunner, { ...settings, enabled: false });
    await off.run(request('a'));
    await off.run(request('b'));
    await settle();
    expect(docker.cold).toEqual(['a', 'b']);
    expect(docker.prepared).toEqual([]);
    await off.close();
  });

  it('on close, waits for containers still starting and discards them too', async () => {
    let finish!: () => void;
    const slow = new FakeDocker();
    slow.prepare = async (spec) => {
      await new Promise<void>((r) => (finish = r));
      return FakeDocker.prototype.prepare.call(slow, spec);
    };
    const pool = new ContainerPool(slow as unknown as DockerContainerRunner, settings, () => clock);
    await pool.run(request('a')); // cold, and starts a warm container that is still being created
    let closed = false;
    const closing = pool.close().then(() => (closed = true));
    await settle();
    expect(closed).toBe(false);
    finish();
    await closing;
    expect(slow.discarded).toEqual([1]);
  });
});
