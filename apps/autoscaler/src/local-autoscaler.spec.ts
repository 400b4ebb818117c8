import { LocalAutoscaler, type QueueReading, type WorkerHandle } from './local-autoscaler';
import type { ScalingSettings } from './scaling-policy';

const SETTINGS: ScalingSettings = {
  min: 1,
  max: 4,
  perWorkerCapacity: 2,
  scaleOutAgeMs: 5000,
  cooldownOutMs: 5000,
  cooldownInMs: 10_000,
  scaleInIdleMs: 10_000,
};

/** A process that records the signals it gets and exits when the test says so. */
class FakeWorker implements WorkerHandle {
  readonly signals: NodeJS.Signals[] = [];
  exited = false;
  private listener: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;
  constructor(readonly id: string) {}
  kill(signal: NodeJS.Signals): void {
    this.signals.push(signal);
  }
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.listener = listener;
  }
  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.exited = true;
    this.listener?.(code, signal);
  }
}

const running: LocalAutoscaler[] = [];

/** A started supervisor (min workers up) whose own timer never fires: the test drives ticks with step(). */
function setup(settings = SETTINGS) {
  let now = 0;
  let reading: QueueReading | Error = { backlog: 0, oldestWaitingAgeMs: 0 };
  const spawned: FakeWorker[] = [];
  const lines: string[] = [];
  const scaler = new LocalAutoscaler(
    (id) => {
      const worker = new FakeWorker(id);
      spawned.push(worker);
      return worker;
    },
    async () => {
      if (reading instanceof Error) throw reading;
      return reading;
    },
    { settings, host: 'h1', restartBackoffMs: 1000, restartBackoffMaxMs: 8000, healthyRunMs: 60_000 },
    (line) => lines.push(line),
    () => now,
  );
  scaler.start(3_600_000);
  running.push(scaler);
  return {
    scaler,
    spawned,
    lines,
    set: (backlog: number, oldestWaitingAgeMs = 0) => (reading = { backlog, oldestWaitingAgeMs }),
    fail: (message: string) => (reading = new Error(message)),
    /** Advances the clock by one second and runs one tick. */
    step: async (seconds = 1) => {
      for (let i = 0; i < seconds; i++) {
        now += 1000;
        await scaler.tick();
      }
    },
    /** Running and not asked to stop. */
    alive: () => spawned.filter((w) => !w.signals.length && !w.exited).map((w) => w.id),
  };
}

describe('LocalAutoscaler', () => {
  afterEach(() => {
    for (const scaler of running.splice(0)) void scaler.stop();
    jest.useRealTimers();
  });

  it('starts min workers, named <host>-auto-<n>, and samples on an interval', async () => {
    jest.useFakeTimers();
    const spawned: string[] = [];
    const lines: string[] = [];
    const scaler = new LocalAutoscaler(
      (id) => (spawned.push(id), new FakeWorker(id)),
      async () => ({ backlog: 0, oldestWaitingAgeMs: 0 }),
      { settings: { ...SETTINGS, min: 2 }, host: 'h1' },
      (line) => lines.push(line),
    );
    running.push(scaler);
    scaler.start(1000);
    expect(spawned).toEqual(['h1-auto-1', 'h1-auto-2']);
    await jest.advanceTimersByTimeAsync(3000);
    expect(lines.filter((l) => l.startsWith('hold'))).toHaveLength(3);
  });

  it('scales out on a burst and logs the decision with its reason on one line', async () => {
    const t = setup();
    await t.step();
    t.set(7);
    await t.step();
    expect(t.alive()).toEqual(['h1-auto-1', 'h1-auto-2', 'h1-auto-3', 'h1-auto-4']);
    expect(t.lines).toContain('out 1→4: backlog 7 > capacity 2 (1×2)');
    expect(t.lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('scales in by SIGTERM to the newest worker only, and forgets it once it has drained', async () => {
    const t = setup();
    t.set(5);
    await t.step(); // out to 3
    t.set(2);
    await t.step(20); // quiet window and cool-down pass: in to ceil(2 / 1.5) = 2
    expect(t.spawned.map((w) => w.signals)).toEqual([[], [], ['SIGTERM']]);
    expect(t.scaler.workers).toBe(2);
    expect(t.scaler.processIds).toContain('h1-auto-3'); // still draining
    t.spawned[2].exit(0);
    expect(t.scaler.processIds).toEqual(['h1-auto-1', 'h1-auto-2']);
    expect(t.lines).toContain('h1-auto-3 exited after draining (code 0)');
    expect(t.spawned).toHaveLength(3); // a drained worker is not replaced
  });

  it('restarts a worker that crashed while below target, with a growing back-off for crash loops', async () => {
    const t = setup();
    await t.step();
    t.spawned[0].exit(1);
    expect(t.lines.at(-1)).toMatch(/h1-auto-1 exited unexpectedly \(code 1\) after \d+ ms; restarting in 1000 ms/);
    await t.step();
    expect(t.alive()).toEqual(['h1-auto-2']);
    t.spawned[1].exit(1); // crashes again at once: wait 2 s this time
    await t.step();
    expect(t.spawned).toHaveLength(2);
    await t.step();
    expect(t.alive()).toEqual(['h1-auto-3']);
  });

  it('does not restart a worker that exited when the target no longer needs it', async () => {
    const t = setup();
    t.set(3);
    await t.step(); // out to 2
    t.set(0);
    await t.step(15); // back to 1: h1-auto-2 is draining
    t.spawned[1].exit(0);
    await t.step(5);
    expect(t.spawned).toHaveLength(2);
  });

  it('holds and keeps its workers when the queue cannot be read', async () => {
    const t = setup();
    t.set(8);
    await t.step(); // out to 4
    t.fail('Connection is closed.');
    await t.step(30);
    expect(t.alive()).toHaveLength(4);
    expect(t.lines.at(-1)).toBe('hold: queue metrics unavailable (Connection is closed.); keeping 4 worker(s)');
  });

  it('stops every worker on shutdown and resolves only when all have exited', async () => {
    const t = setup();
    t.set(5);
    await t.step();
    let stopped = false;
    const stopping = t.scaler.stop().then(() => (stopped = true));
    expect(t.spawned.map((w) => w.signals)).toEqual([['SIGTERM'], ['SIGTERM'], ['SIGTERM']]);
    t.spawned[0].exit(0);
    t.spawned[1].exit(0);
    await Promise.resolve();
    expect(stopped).toBe(false);
    t.spawned[2].exit(0);
    await stopping;
    expect(stopped).toBe(true);
    await t.step(); // no more decisions, no restarts after stop
    expect(t.spawned).toHaveLength(3);
  });

  it('SIGKILLs everything on a second signal', async () => {
    const t = setup({ ...SETTINGS, min: 2 });
    await t.step();
    void t.scaler.stop();
    t.scaler.kill();
    expect(t.spawned.map((w) => w.signals)).toEqual([
      ['SIGTERM', 'SIGKILL'],
      ['SIGTERM', 'SIGKILL'],
    ]);
  });
});
