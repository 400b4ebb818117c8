import { AbsenceTracker } from './absence-tracker';

describe('AbsenceTracker', () => {
  it('reports a key only once it has been missing for the whole grace period', () => {
    const tracker = new AbsenceTracker<string>(10_000);
    expect(tracker.observe(['a'], new Set(), 0)).toEqual([]);
    expect(tracker.observe(['a'], new Set(), 9_999)).toEqual([]);
    expect(tracker.observe(['a'], new Set(), 10_000)).toEqual(['a']);
  });

  it('starts over when the key is seen again in between', () => {
    const tracker = new AbsenceTracker<string>(10_000);
    tracker.observe(['a'], new Set(), 0);
    tracker.observe(['a'], new Set(['a']), 5_000);
    expect(tracker.observe(['a'], new Set(), 12_000)).toEqual([]);
    expect(tracker.observe(['a'], new Set(), 22_000)).toEqual(['a']);
  });

  it('forgets keys that are no longer candidates, and everything on reset', () => {
    const tracker = new AbsenceTracker<string>(10_000);
    tracker.observe(['a', 'b'], new Set(), 0);
    tracker.observe(['b'], new Set(), 5_000);
    expect(tracker.observe(['a', 'b'], new Set(), 10_000)).toEqual(['b']);
    tracker.reset();
    expect(tracker.observe(['b'], new Set(), 10_000)).toEqual([]);
  });
});
