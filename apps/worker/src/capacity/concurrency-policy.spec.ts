import { nextConcurrency, type HostSample } from './concurrency-policy';

const bounds = { min: 1, max: 8, jobMemoryMb: 128 };
const host = (load1: number, availableMemoryMb = 8000, cores = 2): HostSample => ({ cores, load1, availableMemoryMb });

describe('nextConcurrency', () => {
  it('grows one slot at a time while the host has headroom, up to max', () => {
    expect(nextConcurrency(4, host(0.5), bounds)).toBe(5);
    expect(nextConcurrency(8, host(0.1), bounds)).toBe(8);
  });

  it('gives a slot back when the run queue is long, down to min', () => {
    expect(nextConcurrency(4, host(3.2), bounds)).toBe(3);
    expect(nextConcurrency(1, host(10), bounds)).toBe(1);
  });

  it('holds between the thresholds, so a steady load does not oscillate', () => {
    expect(nextConcurrency(4, host(2.4), bounds)).toBe(4);
  });

  it('gives a slot back when memory for one more job is missing, whatever the CPU', () => {
    expect(nextConcurrency(4, host(0.1, 100), bounds)).toBe(3);
    expect(nextConcurrency(4, host(0.1, 200), bounds)).toBe(4);
  });

  it('scales the thresholds with the number of cores', () => {
    expect(nextConcurrency(4, host(6, 8000, 8), bounds)).toBe(5);
    expect(nextConcurrency(4, host(10, 8000, 4), bounds)).toBe(3);
  });
});
