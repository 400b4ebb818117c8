/**
 * Remembers since when each key has been missing from what was last observed, so that a
 * momentary gap (a heartbeat lost with a restarted Redis) is not taken for a death.
 */
export class AbsenceTracker<K> {
  private readonly missingSince = new Map<K, number>();

  constructor(private readonly graceMs: number) {}

  /**
   * Records one observation: `candidates` are the keys we care about now, `present` those seen
   * alive. Returns the candidates missing for at least the grace period; keys that are no
   * longer candidates are forgotten.
   */
  observe(candidates: Iterable<K>, present: ReadonlySet<K>, now: number): K[] {
    const gone: K[] = [];
    const current = new Set<K>();
    for (const key of candidates) {
      current.add(key);
      if (present.has(key)) {
        this.missingSince.delete(key);
        continue;
      }
      const since = this.missingSince.get(key) ?? now;
      this.missingSince.set(key, since);
      if (now - since >= this.graceMs) gone.push(key);
    }
    for (const key of this.missingSince.keys()) if (!current.has(key)) this.missingSince.delete(key);
    return gone;
  }

  /** Forgets everything (e.g. after losing leadership, when observations stopped). */
  reset(): void {
    this.missingSince.clear();
  }
}
