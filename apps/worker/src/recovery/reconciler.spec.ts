import type { UnfinishedJob } from '#jobs';
import { Reconciler, type QueueEntryState, type QueueRef, type ReconcilerJobs } from './reconciler';
import { ABSENCE_GRACE_MS, QUEUED_MIN_AGE_MS, QUEUED_PAGE_SIZE } from './recovery-timings';

const T0 = 1_700_000_000_000;

type Row = UnfinishedJob;

/** Rows in memory with the same conditional writes as JobRepository. */
class FakeJobs implements ReconcilerJobs {
  readonly rows = new Map<string, Row>();
  readonly messages = new Map<string, string>();

  add(id: string, status: 'queued' | 'running', attempts: number, createdAt = new Date(T0 - 60_000)): void {
    this.rows.set(id, {
      id,
      status,
      attempts,
      workerId: status === 'running' ? 'w-dead' : null,
      callbackUrl: null,
      createdAt,
      language: 'python',
    });
  }

  async findRunning(): Promise<Row[]> {
    return [...this.rows.values()].filter((r) => r.status === 'running');
  }

  async findQueued(createdBefore: Date, after: { createdAt: Date; id: string } | null, limit: number): Promise<Row[]> {
    return [...this.rows.values()]
      .filter((r) => r.status === 'queued' && r.createdAt < createdBefore)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .filter((r) => !after || r.createdAt > after.createdAt || (r.createdAt.getTime() === after.createdAt.getTime() && r.id > after.id))
      .slice(0, limit);
  }

  async release(id: string, attempt: number): Promise<boolean> {
    const row = this.rows.get(id);
    if (row?.status !== 'running' || row.attempts !== attempt) return false;
    row.status = 'queued';
    return true;
  }

  async fail(id: string, attempt: number, message: string): Promise<boolean> {
    const row = this.rows.get(id);
    if (row?.status !== 'running' || row.attempts !== attempt) return false;
    row.status = 'failed';
    this.messages.set(id, message);
    return true;
  }
}

class FakeQueue {
  readonly entries = new Map<string, QueueEntryState>();
  readonly enqueued: [string, boolean][] = [];

  async states(jobs: QueueRef[]): Promise<Map<string, QueueEntryState>> {
    return new Map(jobs.map(({ id }) => [id, this.entries.get(id) ?? 'missing']));
  }

  async enqueue({ id }: QueueRef, replaceFinished: boolean): Promise<void> {
    this.enqueued.push([id, replaceFinished]);
    this.entries.set(id, 'live');
  }
}

describe('Reconciler', () => {
  let jobs: FakeJobs;
  let queue: FakeQueue;
  let reported: Set<string> | null;
  let notified: string[];
  let now: number;
  let reconciler: Reconciler;

  beforeEach(() => {
    jobs = new FakeJobs();
    queue = new FakeQueue();
    reported = new Set();
    notified = [];
    now = T0;
    reconciler = new Reconciler(
      jobs,
      queue,
      { runningJobIds: async () => reported },
      { finished: async (id) => void notified.push(id) },
      3,
      () => now,
    );
  });

  it('enqueues again a queued row that the queue lost (Redis restarted without its data)', async () => {
    jobs.add('lost', 'queued', 0);
    jobs.add('fine', 'queued', 0);
    queue.entries.set('fine', 'live');
    const report = await reconciler.pass();
    expect(report.reenqueued).toEqual(['lost']);
    expect(queue.enqueued).toEqual([['lost', false]]);
    // The next pass finds it in the queue and leaves it alone.
    expect((await reconciler.pass()).reenqueued).toEqual([]);
  });

  it('leaves a queued row alone while the API may still be enqueueing it', async () => {
    jobs.add('young', 'queued', 0, new Date(T0 - QUEUED_MIN_AGE_MS + 1));
    expect((await reconciler.pass()).reenqueued).toEqual([]);
  });

  it('replaces a finished queue entry of a row that is still queued', async () => {
    jobs.add('stale', 'queued', 1);
    queue.entries.set('stale', 'finished');
    await reconciler.pass();
    expect(queue.enqueued).toEqual([['stale', true]]);
  });

  it('re-queues a running row nobody has reported for the grace period, once the queue has lost it', async () => {
    jobs.add('orphan', 'running', 1);
    expect((await reconciler.pass()).requeued).toEqual([]);
    now += ABSENCE_GRACE_MS - 1;
    expect((await reconciler.pass()).requeued).toEqual([]);
    now += 1;
    expect((await reconciler.pass()).requeued).toEqual(['orphan']);
    expect(jobs.rows.get('orphan')?.status).toBe('queued');
    expect(queue.enqueued).toEqual([['orphan', false]]);
  });

  it('does not touch a running row that a live worker reports, however long it runs', async () => {
    jobs.add('busy', 'running', 1);
    reported = new Set(['busy']);
    await reconciler.pass();
    now += 10 * ABSENCE_GRACE_MS;
    const report = await reconciler.pass();
    expect(report).toEqual({ requeued: [], failed: [], reenqueued: [] });
    expect(jobs.rows.get('busy')?.status).toBe('running');
  });

  it('forgives a gap in the heartbeats shorter than the grace period', async () => {
    jobs.add('busy', 'running', 1);
    reported = new Set(); // heartbeats lost with Redis
    await reconciler.pass();
    now += ABSENCE_GRACE_MS / 2;
    reported = new Set(['busy']); // the worker beat again
    await reconciler.pass();
    now += ABSENCE_GRACE_MS / 2 + 1;
    reported = new Set();
    expect((await reconciler.pass()).requeued).toEqual([]);
  });

  it('leaves an unreported running row to BullMQ while its queue entry is live (a dead lock expires)', async () => {
    jobs.add('stalled', 'running', 1);
    queue.entries.set('stalled', 'live');
    await reconciler.pass();
    now += ABSENCE_GRACE_MS;
    expect(await reconciler.pass()).toEqual({ requeued: [], failed: [], reenqueued: [] });
  });

  it('fails an orphaned running row whose attempts are spent, with a reason, and announces it', async () => {
    jobs.add('doomed', 'running', 3);
    queue.entries.set('doomed', 'finished');
    await reconciler.pass();
    now += ABSENCE_GRACE_MS;
    expect((await reconciler.pass()).failed).toEqual(['doomed']);
    expect(jobs.rows.get('doomed')?.status).toBe('failed');
    expect(jobs.messages.get('doomed')).toMatch(/attempt 3 of 3 stopped/);
    expect(notified).toEqual(['doomed']);
    expect(queue.enqueued).toEqual([]);
  });

  it('replaces the finished queue entry of an orphaned running row it re-queues', async () => {
    jobs.add('done-in-queue', 'running', 2);
    queue.entries.set('done-in-queue', 'finished');
    await reconciler.pass();
    now += ABSENCE_GRACE_MS;
    expect((await reconciler.pass()).requeued).toEqual(['done-in-queue']);
    expect(queue.enqueued).toEqual([['done-in-queue', true]]);
  });

  it('does nothing to running rows while some worker does not report its jobs', async () => {
    jobs.add('unknown', 'running', 1);
    reported = null;
    await reconciler.pass();
    now += ABSENCE_GRACE_MS;
    expect((await reconciler.pass()).requeued).toEqual([]);
  });

  it('acts once when two reconcilers race: the conditional release lets only one enqueue', async () => {
    jobs.add('orphan', 'running', 1);
    const other = new Reconciler(jobs, queue, { runningJobIds: async () => new Set() }, { finished: async () => undefined }, 3, () => now);
    await Promise.all([reconciler.pass(), other.pass()]);
    now += ABSENCE_GRACE_MS;
    const reports = await Promise.all([reconciler.pass(), other.pass()]);
    expect(reports.flatMap((r) => r.requeued)).toEqual(['orphan']);
    expect(queue.enqueued.filter(([, replace]) => !replace).map(([id]) => id)).toEqual(['orphan']);
  });

  it('walks a backlog larger than a page over several passes', async () => {
    for (let i = 0; i < QUEUED_PAGE_SIZE + 3; i++) jobs.add(`q${String(i).padStart(4, '0')}`, 'queued', 0);
    expect((await reconciler.pass()).reenqueued).toHaveLength(QUEUED_PAGE_SIZE);
    expect((await reconciler.pass()).reenqueued).toEqual(['q0500', 'q0501', 'q0502']);
  });
});
