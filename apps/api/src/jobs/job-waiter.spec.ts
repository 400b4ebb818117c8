import type { JobEvents } from '#messaging';
import { JobWaiter } from './job-waiter';

/** Stands in for the Redis subscription: the test fires "finished" events by hand. */
class FakeJobEvents {
  readonly listeners = new Set<(jobId: string, detail?: string) => void>();

  onFinished(listener: (jobId: string, detail?: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  finish(jobId: string, detail?: string): void {
    this.listeners.forEach((listener) => listener(jobId, detail));
  }
}

const PENDING = Symbol('pending');
const WOKEN = { woken: true };
const TIMED_OUT = { woken: false };
/** Settles pending reactions, then tells whether `promise` has resolved yet. */
async function peek<T>(promise: Promise<T>): Promise<T | typeof PENDING> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return Promise.race([promise, Promise.resolve(PENDING)]);
}

describe('JobWaiter', () => {
  let events: FakeJobEvents;
  let waiter: JobWaiter;

  beforeEach(() => {
    jest.useFakeTimers();
    events = new FakeJobEvents();
    waiter = new JobWaiter(events as unknown as JobEvents);
    waiter.onModuleInit();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('subscribes once on init', () => {
    expect(events.listeners.size).toBe(1);
  });

  it("resolves as woken when the job's finished event arrives", async () => {
    const { done } = waiter.arm('job-1', 10_000);
    expect(await peek(done)).toBe(PENDING);
    events.finish('job-1');
    expect(await peek(done)).toEqual(WOKEN);
  });

  it('hands over the row that rode on the event, its dates revived', async () => {
    const { done } = waiter.arm('job-1', 10_000);
    const row = { id: 'job-1', status: 'completed', createdAt: new Date('2026-01-02T03:04:05.006Z'), startedAt: null };
    events.finish('job-1', JSON.stringify(row));
    expect(await peek(done)).toEqual({ woken: true, job: row });
  });

  it('is woken without a row when the one on the event does not parse', async () => {
    const { done } = waiter.arm('job-1', 10_000);
    events.finish('job-1', '{"id":');
    expect(await peek(done)).toStrictEqual({ woken: true, job: undefined });
  });

  it('resolves as timed out once the wait has passed', async () => {
    const { done } = waiter.arm('job-1', 10_000);
    jest.advanceTimersByTime(9_999);
    expect(await peek(done)).toBe(PENDING);
    jest.advanceTimersByTime(1);
    expect(await peek(done)).toEqual(TIMED_OUT);
  });

  it('is not woken by other jobs', async () => {
    const { done } = waiter.arm('job-1', 10_000);
    events.finish('job-2');
    expect(await peek(done)).toBe(PENDING);
    expect(waiter.size).toBe(1);
  });

  it('wakes every waiter of the same job', async () => {
    const first = waiter.arm('job-1', 10_000);
    const second = waiter.arm('job-1', 20_000);
    const other = waiter.arm('job-2', 10_000);
    expect(waiter.size).toBe(2);
    events.finish('job-1');
    expect(await peek(first.done)).toEqual(WOKEN);
    expect(await peek(second.done)).toEqual(WOKEN);
    expect(await peek(other.done)).toBe(PENDING);
    expect(waiter.size).toBe(1);
  });

  it('forgets a waiter once it is woken', async () => {
    const { done } = waiter.arm('job-1', 10_000);
    events.finish('job-1');
    await peek(done);
    expect(waiter.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('forgets a waiter once it times out', async () => {
    const { done } = waiter.arm('job-1', 500);
    jest.advanceTimersByTime(500);
    await peek(done);
    expect(waiter.size).toBe(0);
  });

  it('disarm removes the waiter and its timer', async () => {
    const { done, disarm } = waiter.arm('job-1', 10_000);
    expect(waiter.size).toBe(1);
    disarm();
    expect(waiter.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    events.finish('job-1');
    expect(await peek(done)).toBe(PENDING);
  });

  it('disarming one waiter leaves the others of the same job armed', async () => {
    const first = waiter.arm('job-1', 10_000);
    const second = waiter.arm('job-1', 10_000);
    first.disarm();
    expect(waiter.size).toBe(1);
    events.finish('job-1');
    expect(await peek(second.done)).toEqual(WOKEN);
    expect(await peek(first.done)).toBe(PENDING);
  });

  it('on destroy, unsubscribes and releases everyone still waiting', async () => {
    const a = waiter.arm('job-1', 10_000);
    const b = waiter.arm('job-2', 10_000);
    waiter.onModuleDestroy();
    expect(events.listeners.size).toBe(0);
    expect(await peek(a.done)).toEqual(WOKEN);
    expect(await peek(b.done)).toEqual(WOKEN);
    expect(waiter.size).toBe(0);
  });
});
