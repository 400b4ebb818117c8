import type { RunqConfig } from '#config';
import { DomainError } from '#contracts';
import type { ExecutionQueues } from '#messaging';
import { toNativeError } from '../common/native-error.mapper';
import { DEPTH_CACHE_MS, QueueAdmission } from './queue-admission';

function admissionWith(maxQueueDepth: number, depths: number[]) {
  const depth = jest.fn(async () => {
    const next = depths.shift();
    if (next === undefined) throw new Error('Connection is closed.');
    return next;
  });
  const config = { backpressure: { maxQueueDepth, retryAfterSeconds: 7 } } as RunqConfig;
  // The depth is what waits for a worker: waiting + delayed + prioritized, over every pool.
  const counts = async () => ({ waiting: (await depth()) - 1, delayed: 1, prioritized: 0 });
  const admission = new QueueAdmission({ counts } as unknown as ExecutionQueues, config);
  let clock = 1_000_000;
  admission.now = () => clock;
  return { admission, depth, advance: (ms: number) => (clock += ms) };
}

describe('QueueAdmission', () => {
  it('admits below the depth and refuses at it with 503 + Retry-After', async () => {
    const { admission, advance } = admissionWith(3, [2, 3]);
    await expect(admission.admit()).resolves.toBeUndefined();
    advance(DEPTH_CACHE_MS);
    const error = (await admission.admit().catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(toNativeError(error).status).toBe(503);
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.message).toMatch(/queue is full \(3 jobs waiting, limit 3\)/);
  });

  it('reads the depth once per cache period, sharing a read in flight', async () => {
    const { admission, depth, advance } = admissionWith(100, [5, 6]);
    await Promise.all([admission.admit(), admission.admit(), admission.admit()]);
    advance(DEPTH_CACHE_MS - 1);
    await admission.admit();
    expect(depth).toHaveBeenCalledTimes(1);
    advance(1);
    await admission.admit();
    expect(depth).toHaveBeenCalledTimes(2);
  });

  it('is off at depth 0, and answers 503 when the queue cannot be read', async () => {
    const off = admissionWith(0, []);
    await expect(off.admission.admit()).resolves.toBeUndefined();
    expect(off.depth).not.toHaveBeenCalled();
    const down = admissionWith(10, []);
    const refused = (await down.admission.admit().catch((e: unknown) => e)) as DomainError;
    expect(toNativeError(refused).status).toBe(503);
  });
});
