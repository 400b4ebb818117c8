/**
 * How many warm containers each profile should keep. Pure, so it is tested on simulated
 * histories. A profile's need is what arrives during one refill (a container start) with
 * head-room, plus what the recent arrival rate brings within `horizonMs`; idle profiles
 * drop to `idleSize` (0 or 1); the total never exceeds the global cap, shared in
 * proportion to need.
 */
export interface SizingPolicy {
  /** Look-back for the arrival rate. */
  windowMs: number;
  /** How far ahead to keep containers for, at the recent rate (≈ a few container starts). */
  horizonMs: number;
  maxPerProfile: number;
  maxTotal: number;
  /** Size for a profile seen in the window but quiet now; profiles never seen keep 0. */
  idleSize: number;
}

export interface ProfileDemand {
  key: string;
  /** Arrival times (ms) within the window. */
  arrivals: number[];
}

export function targetSizes(demands: readonly ProfileDemand[], now: number, policy: SizingPolicy): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const { key, arrivals } of demands) {
    const recent = arrivals.filter((t) => now - t <= policy.windowMs);
    if (!recent.length) {
      wanted.set(key, 0);
      continue;
    }
    const ratePerMs = recent.length / policy.windowMs;
    const need = Math.ceil(ratePerMs * policy.horizonMs);
    wanted.set(key, Math.min(policy.maxPerProfile, Math.max(policy.idleSize, need)));
  }
  const total = [...wanted.values()].reduce((a, b) => a + b, 0);
  if (total <= policy.maxTotal) return wanted;
  // Over the cap: scale down, giving the remainders to the largest fractions.
  const scaled = [...wanted.entries()].map(([key, n]) => ({ key, exact: (n * policy.maxTotal) / total }));
  const result = new Map(scaled.map(({ key, exact }) => [key, Math.floor(exact)]));
  let left = policy.maxTotal - [...result.values()].reduce((a, b) => a + b, 0);
  for (const { key } of [...scaled].sort((a, b) => (b.exact % 1) - (a.exact % 1))) {
    if (left-- <= 0) break;
    result.set(key, (result.get(key) ?? 0) + 1);
  }
  return result;
}
