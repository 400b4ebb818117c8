/** What the governor sees of the host at one moment. */
export interface HostSample {
  cores: number;
  /** 1-minute load average. */
  load1: number;
  /** Memory the kernel could still give (MiB). */
  availableMemoryMb: number;
}

export interface ConcurrencyBounds {
  min: number;
  max: number;
  /** Memory a default job may use (MiB): a new slot needs at least this much free. */
  jobMemoryMb: number;
}

/** Load per core above which the worker gives a slot back, and below which it may take one more. */
export const OVERLOADED_PER_CORE = 1.5;
export const RELAXED_PER_CORE = 0.9;

/**
 * One step of the in-process sizing: shrink by one slot when the host is overloaded (CPU run
 * queue or memory), grow by one when it has headroom, always within [min, max]. One step per
 * sample keeps several workers on one host from over-correcting together.
 */
export function nextConcurrency(current: number, host: HostSample, bounds: ConcurrencyBounds): number {
  const perCore = host.load1 / Math.max(1, host.cores);
  const memoryShort = host.availableMemoryMb < bounds.jobMemoryMb;
  let next = current;
  if (perCore > OVERLOADED_PER_CORE || memoryShort) next = current - 1;
  else if (perCore < RELAXED_PER_CORE && host.availableMemoryMb >= 2 * bounds.jobMemoryMb) next = current + 1;
  return Math.min(bounds.max, Math.max(bounds.min, next));
}
