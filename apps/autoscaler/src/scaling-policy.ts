/** One observation of the queue, taken by the supervisor about once a second. */
export interface ScalingSample {
  at: number;
  /** Jobs needing a slot: queued (waiting, prioritized, due delayed) plus active. */
  backlog: number;
  oldestWaitingAgeMs: number;
  /** Jobs entering the queue per second (or the backlog's net growth when arrivals are not observable). */
  arrivalsPerSecond: number;
  /** Workers taking jobs now (draining ones excluded). */
  workers: number;
}

export interface ScalingSettings {
  min: number;
  max: number;
  /** Job slots of one worker (its concurrency). */
  perWorkerCapacity: number;
  /** Scale out when the oldest runnable job has waited longer than this, whatever the counts say. */
  scaleOutAgeMs: number;
  /** Minimum time between two scale-outs: lets new workers start and take jobs before judging again. */
  cooldownOutMs: number;
  /** Minimum time after any scaling action before a scale-in. */
  cooldownInMs: number;
  /** The backlog must stay below the low-water mark for this long before a scale-in. */
  scaleInIdleMs: number;
}

export interface LastScaling {
  action: 'out' | 'in';
  at: number;
}

export interface ScalingDecision {
  action: 'out' | 'in' | 'hold';
  target: number;
  reason: string;
}

/**
 * Scale in only to a fleet that would have been at most this full at the window's peak. The gap between
 * this and 100% (the scale-out threshold) is the hysteresis band that keeps a load near a boundary from flapping.
 */
export const SCALE_IN_FILL = 0.75;
/** Arrivals above this multiple of the window's mean count as a rising load: no scale-in then. */
export const RISING_FACTOR = 1.5;

/**
 * Pure decision: out fast (straight to the size the backlog needs), in slowly (after a quiet window, behind
 * cool-downs). The caller keeps the history and the last action; nothing here reads a clock or does I/O.
 */
export function decideScaling(history: readonly ScalingSample[], settings: ScalingSettings, last?: LastScaling): ScalingDecision {
  const { min, max, perWorkerCapacity: perWorker } = settings;
  const latest = history[history.length - 1];
  if (!latest) return { action: 'hold', target: min, reason: 'no sample yet' };
  const current = latest.workers;
  const now = latest.at;
  const clamp = (n: number) => Math.min(max, Math.max(min, n));

  // Bounds first, without cool-downs: they are configuration, not load.
  if (current < min) return { action: 'out', target: min, reason: `below min (${current} < ${min})` };
  if (current > max) return { action: 'in', target: max, reason: `above max (${current} > ${max})` };

  const capacity = current * perWorker;
  const overloaded = latest.backlog > capacity;
  const aged = latest.oldestWaitingAgeMs > settings.scaleOutAgeMs;
  if (overloaded || aged) {
    const why = overloaded
      ? `backlog ${latest.backlog} > capacity ${capacity} (${current}×${perWorker})`
      : `oldest job waited ${latest.oldestWaitingAgeMs} ms > ${settings.scaleOutAgeMs} ms`;
    if (current >= max) return { action: 'hold', target: current, reason: `${why}, but at max ${max}` };
    const sinceOut = last?.action === 'out' ? now - last.at : Infinity;
    if (sinceOut < settings.cooldownOutMs) {
      return { action: 'hold', target: current, reason: `${why}, but scale-out cool-down (${sinceOut} of ${settings.cooldownOutMs} ms)` };
    }
    // An aged job with spare slots means slots are not enough (slow starts, stuck workers): add one at least.
    const target = clamp(Math.max(current + 1, Math.ceil(latest.backlog / perWorker)));
    return { action: 'out', target, reason: why };
  }

  return decideScaleIn(history, settings, current, now, last);
}

function decideScaleIn(
  history: readonly ScalingSample[],
  settings: ScalingSettings,
  current: number,
  now: number,
  last: LastScaling | undefined,
): ScalingDecision {
  const { min, perWorkerCapacity: perWorker } = settings;
  if (current <= min) return { action: 'hold', target: current, reason: `load fits ${current} worker(s), at min` };
  const windowStart = now - settings.scaleInIdleMs;
  // Without a sample as old as the window, the quiet period is not proven yet (e.g. right after start).
  if (history[0].at > windowStart) return { action: 'hold', target: current, reason: 'load fits, quiet window not observed yet' };
  const window = history.filter((s) => s.at >= windowStart);
  const peak = Math.max(...window.map((s) => s.backlog));
  const target = Math.max(min, Math.ceil(peak / (perWorker * SCALE_IN_FILL)));
  if (target >= current)
    return { action: 'hold', target: current, reason: `peak backlog ${peak} in the last ${settings.scaleInIdleMs} ms needs ${current}` };
  const meanArrivals = window.reduce((sum, s) => sum + s.arrivalsPerSecond, 0) / window.length;
  const latestArrivals = history[history.length - 1].arrivalsPerSecond;
  if (latestArrivals > 0 && latestArrivals > meanArrivals * RISING_FACTOR) {
    return {
      action: 'hold',
      target: current,
      reason: `arrivals rising (${latestArrivals.toFixed(1)}/s vs mean ${meanArrivals.toFixed(1)}/s)`,
    };
  }
  const sinceLast = last ? now - last.at : Infinity;
  if (sinceLast < settings.cooldownInMs) {
    return {
      action: 'hold',
      target: current,
      reason: `could scale in to ${target}, but cool-down (${sinceLast} of ${settings.cooldownInMs} ms)`,
    };
  }
  return { action: 'in', target, reason: `peak backlog ${peak} in the last ${settings.scaleInIdleMs} ms fits ${target} worker(s)` };
}
