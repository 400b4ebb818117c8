import { targetSizes, type SizingPolicy } from './pool-sizing';

const policy: SizingPolicy = { windowMs: 10_000, horizonMs: 2_000, maxPerProfile: 8, maxTotal: 12, idleSize: 1 };
const every = (n: number, stepMs: number, end: number) => Array.from({ length: n }, (_, i) => end - i * stepMs);

describe('targetSizes', () => {
  it('keeps nothing for a profile without arrivals in the window', () => {
    expect(targetSizes([{ key: 'py', arrivals: [] }], 50_000, policy).get('py')).toBe(0);
    expect(targetSizes([{ key: 'py', arrivals: [1_000] }], 50_000, policy).get('py')).toBe(0);
  });

  it('keeps one for a profile that was used but is quiet now', () => {
    expect(targetSizes([{ key: 'py', arrivals: [45_000] }], 50_000, policy).get('py')).toBe(1);
  });

  it('grows with the arrival rate: steady 5 jobs/s needs 10 over a 2 s horizon, capped at 8 per profile', () => {
    expect(targetSizes([{ key: 'py', arrivals: every(50, 200, 50_000) }], 50_000, policy).get('py')).toBe(8);
    expect(targetSizes([{ key: 'py', arrivals: every(10, 1000, 50_000) }], 50_000, policy).get('py')).toBe(2);
  });

  it('shares the global cap in proportion to need, using all of it', () => {
    const sizes = targetSizes(
      [
        { key: 'py', arrivals: every(40, 250, 50_000) }, // wants 8
        { key: 'js', arrivals: every(40, 250, 50_000) }, // wants 8
        { key: 'c', arrivals: every(5, 2000, 50_000) }, // wants 1
      ],
      50_000,
      policy,
    );
    expect([...sizes.values()].reduce((a, b) => a + b, 0)).toBe(12);
    expect(sizes.get('py')).toBeGreaterThanOrEqual(5);
    expect(sizes.get('js')).toBeGreaterThanOrEqual(5);
    expect(sizes.get('c')).toBeLessThanOrEqual(1);
  });

  it('after a burst ends, the target falls back as arrivals leave the window', () => {
    const burst = every(30, 50, 10_000); // 30 jobs in 1.5 s
    expect(targetSizes([{ key: 'py', arrivals: burst }], 10_000, policy).get('py')).toBe(6);
    expect(targetSizes([{ key: 'py', arrivals: burst }], 18_500, policy).get('py')).toBe(6);
    expect(targetSizes([{ key: 'py', arrivals: burst }], 19_500, policy).get('py')).toBe(3); // half has left the window
    expect(targetSizes([{ key: 'py', arrivals: burst }], 21_000, policy).get('py')).toBe(0);
  });
});
