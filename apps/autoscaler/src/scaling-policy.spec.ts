import { decideScaling, type LastScaling, type ScalingDecision, type ScalingSample, type ScalingSettings } from './scaling-policy';

const SETTINGS: ScalingSettings = {
  min: 1,
  max: 8,
  perWorkerCapacity: 4,
  scaleOutAgeMs: 5_000,
  cooldownOutMs: 10_000,
  cooldownInMs: 60_000,
  scaleInIdleMs: 30_000,
};

interface Load {
  backlog: number;
  age?: number;
  arrivals?: number;
}

/**
 * Feeds one sample a second through the policy, applying each decision at once (as the supervisor does),
 * and returns every decision with the worker count it led to.
 */
function simulate(loads: Load[], settings = SETTINGS, startWorkers = settings.min) {
  const history: ScalingSample[] = [];
  const decisions: (ScalingDecision & { at: number })[] = [];
  let workers = startWorkers;
  let last: LastScaling | undefined;
  loads.forEach((load, i) => {
    const at = i * 1000;
    history.push({ at, backlog: load.backlog, oldestWaitingAgeMs: load.age ?? 0, arrivalsPerSecond: load.arrivals ?? 0, workers });
    const decision = decideScaling(history, settings, last);
    decisions.push({ ...decision, at });
    if (decision.action !== 'hold') {
      workers = decision.target;
      last = { action: decision.action, at };
    }
  });
  return { decisions, workers, changes: decisions.filter((d) => d.action !== 'hold') };
}

const repeat = (load: Load, seconds: number): Load[] => Array.from({ length: seconds }, () => load);

describe('decideScaling', () => {
  it('holds at min without samples', () => {
    expect(decideScaling([], SETTINGS)).toEqual({ action: 'hold', target: 1, reason: 'no sample yet' });
  });

  it('scales out straight to the size a burst needs, in one step', () => {
    const { changes, workers } = simulate([{ backlog: 0 }, { backlog: 23 }, { backlog: 23 }]);
    expect(changes).toEqual([
      expect.objectContaining({ action: 'out', target: 6, reason: expect.stringContaining('backlog 23 > capacity 4') }),
    ]);
    expect(workers).toBe(6);
  });

  it('never goes above max, and says so', () => {
    const { changes, decisions } = simulate(repeat({ backlog: 500 }, 20));
    expect(changes.map((c) => c.target)).toEqual([8]);
    expect(decisions.at(-1)).toMatchObject({ action: 'hold', target: 8, reason: expect.stringContaining('at max 8') });
  });

  it('scales out when the oldest job waits too long although the counts fit', () => {
    const { changes } = simulate([
      { backlog: 3, age: 1000 },
      { backlog: 3, age: 6000 },
    ]);
    expect(changes).toEqual([
      expect.objectContaining({ action: 'out', target: 2, reason: expect.stringContaining('oldest job waited 6000 ms') }),
    ]);
  });

  it('respects the scale-out cool-down, then scales out again if still behind', () => {
    // One worker; the backlog keeps growing every second.
    const loads = Array.from({ length: 25 }, (_, i) => ({ backlog: 5 + i * 2 }));
    const { changes, decisions } = simulate(loads);
    expect(changes.map((c) => c.at)).toEqual([0, 10_000, 20_000]);
    expect(changes.map((c) => c.target)).toEqual([2, 7, 8]);
    expect(decisions[5].reason).toContain('scale-out cool-down');
  });

  it('holds a steady load that fits, with no change at all', () => {
    const { changes, workers } = simulate(repeat({ backlog: 10, arrivals: 5 }, 120), SETTINGS, 3);
    expect(changes).toEqual([]);
    expect(workers).toBe(3);
  });

  it('scales in after an idle window, to min, and not before the window has been observed', () => {
    const loads = [...repeat({ backlog: 30 }, 5), ...repeat({ backlog: 0 }, 120)];
    const { changes } = simulate(loads);
    expect(changes.map(({ action, target, at }) => ({ action, target, at }))).toEqual([
      { action: 'out', target: 8, at: 0 },
      // Quiet from t=5 s; the window of 30 s must be all quiet and the 60 s cool-down since the scale-out must be over.
      { action: 'in', target: 1, at: 60_000 },
    ]);
  });

  it('does not scale in while the backlog is only briefly low', () => {
    const bursty: Load[] = [];
    for (let i = 0; i < 200; i++) bursty.push({ backlog: i % 20 === 0 ? 28 : 2 });
    const { changes } = simulate(bursty, SETTINGS, 7);
    expect(changes).toEqual([]);
  });

  it('does not flap on a load oscillating around a capacity boundary', () => {
    // Alternates just below and just above 2 workers' capacity (8) every second for five minutes.
    const loads = Array.from({ length: 300 }, (_, i) => ({ backlog: i % 2 ? 9 : 7 }));
    const { changes } = simulate(loads, SETTINGS, 2);
    expect(changes).toEqual([expect.objectContaining({ action: 'out', target: 3, at: 1000 })]);
  });

  it('scales in only as far as the window peak allows, keeping headroom', () => {
    // 6 workers, then a moderate load of 9 for a long time: 9 / (4 × 0.75) = 3 workers.
    const { changes } = simulate(repeat({ backlog: 9 }, 100), SETTINGS, 6);
    expect(changes).toEqual([expect.objectContaining({ action: 'in', target: 3, at: 30_000 })]);
  });

  it('holds a scale-in while arrivals are rising', () => {
    const history: ScalingSample[] = Array.from({ length: 40 }, (_, i) => ({
      at: i * 1000,
      backlog: 1,
      oldestWaitingAgeMs: 0,
      arrivalsPerSecond: i === 39 ? 10 : 1,
      workers: 4,
    }));
    expect(decideScaling(history, SETTINGS)).toMatchObject({ action: 'hold', reason: expect.stringContaining('arrivals rising') });
  });

  it('respects the scale-in cool-down after a scale-in', () => {
    const history: ScalingSample[] = Array.from({ length: 40 }, (_, i) => ({
      at: i * 1000,
      backlog: 0,
      oldestWaitingAgeMs: 0,
      arrivalsPerSecond: 0,
      workers: 4,
    }));
    expect(decideScaling(history, SETTINGS, { action: 'in', at: 20_000 })).toMatchObject({
      action: 'hold',
      reason: expect.stringContaining('cool-down'),
    });
    expect(decideScaling(history, SETTINGS, { action: 'in', at: -30_000 })).toMatchObject({ action: 'in', target: 1 });
  });

  it('lets a scale-out follow a scale-in at once: only scale-outs have to wait for scale-outs', () => {
    const history: ScalingSample[] = [{ at: 5000, backlog: 12, oldestWaitingAgeMs: 0, arrivalsPerSecond: 3, workers: 1 }];
    expect(decideScaling(history, SETTINGS, { action: 'in', at: 4000 })).toMatchObject({ action: 'out', target: 3 });
  });

  it('restores min and max bounds immediately, cool-downs or not', () => {
    const sample = (workers: number): ScalingSample[] => [{ at: 0, backlog: 0, oldestWaitingAgeMs: 0, arrivalsPerSecond: 0, workers }];
    expect(decideScaling(sample(0), { ...SETTINGS, min: 2 }, { action: 'in', at: 0 })).toMatchObject({ action: 'out', target: 2 });
    expect(decideScaling(sample(10), SETTINGS, { action: 'out', at: 0 })).toMatchObject({ action: 'in', target: 8 });
  });

  it('scales from zero when min is 0 and work arrives, and back to zero when idle', () => {
    const settings = { ...SETTINGS, min: 0 };
    const { changes } = simulate([{ backlog: 1 }, ...repeat({ backlog: 0 }, 100)], settings, 0);
    expect(changes.map(({ action, target }) => ({ action, target }))).toEqual([
      { action: 'out', target: 1 },
      { action: 'in', target: 0 },
    ]);
  });
});
