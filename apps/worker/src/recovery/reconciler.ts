import type { UnfinishedJob } from '#jobs';
import { AbsenceTracker } from './absence-tracker';
import { ABSENCE_GRACE_MS, QUEUED_MIN_AGE_MS, QUEUED_PAGE_SIZE, RUNNING_LIMIT } from './recovery-timings';

/** Where a job stands in BullMQ: gone (Redis lost it), still to be handed out or running, or done with. */
export type QueueEntryState = 'missing' | 'live' | 'finished';

/** The rows side (Postgres). Writes are conditional on the attempt, so two reconcilers cannot both act. */
export interface ReconcilerJobs {
  findRunning(limit: number): Promise<UnfinishedJob[]>;
  findQueued(createdBefore: Date, after: { createdAt: Date; id: string } | null, limit: number): Promise<UnfinishedJob[]>;
  release(id: string, attempt: number): Promise<boolean>;
  fail(id: string, attempt: number, message: string): Promise<boolean>;
}

/** A job as the queues know it: its id, and its language, which picks its pool's queue. */
export type QueueRef = Pick<UnfinishedJob, 'id' | 'language'>;

/** The queue side (BullMQ). `enqueue` uses the job id as BullMQ's job id, so a repeat is a no-op. */
export interface ReconcilerQueue {
  states(jobs: QueueRef[]): Promise<Map<string, QueueEntryState>>;
  enqueue(job: QueueRef, replaceFinished: boolean): Promise<void>;
}

export interface ReconcilerFleet {
  /** Job ids that live workers report running, or null when some worker does not report them. */
  runningJobIds(): Promise<ReadonlySet<string> | null>;
}

export interface ReconcilerNotifier {
  finished(id: string, callbackUrl: string | null): Promise<void>;
}

export interface ReconcileReport {
  /** `running` rows nobody runs, handed back to the queue. */
  requeued: string[];
  /** `running` rows nobody runs, with no attempt left. */
  failed: string[];
  /** `queued` rows the queue had lost, enqueued again. */
  reenqueued: string[];
}

/**
 * Makes Postgres (the source of truth) and the queue agree again after Redis lost data or a
 * worker died: a `queued` row missing from the queue is enqueued again; a `running` row that
 * no live worker has reported for ABSENCE_GRACE_MS and that the queue will not hand out
 * again is re-queued, or failed once its attempts are spent. A job a live queue entry still
 * covers is left to BullMQ (a dead worker's lock expires and the job is handed out again).
 * Completing twice stays impossible: results are written only by the attempt owning the row.
 */
export class Reconciler {
  private readonly unreported = new AbsenceTracker<string>(ABSENCE_GRACE_MS);
  private cursor: { createdAt: Date; id: string } | null = null;

  constructor(
    private readonly jobs: ReconcilerJobs,
    private readonly queue: ReconcilerQueue,
    private readonly fleet: ReconcilerFleet,
    private readonly notifier: ReconcilerNotifier,
    private readonly maxAttempts: number,
    private readonly now: () => number = Date.now,
  ) {}

  async pass(): Promise<ReconcileReport> {
    const report: ReconcileReport = { requeued: [], failed: [], reenqueued: [] };
    const now = this.now();
    await this.checkRunning(now, report);
    await this.checkQueued(now, report);
    return report;
  }

  /** Observations stopped (leadership lost): start the grace periods over next time. */
  reset(): void {
    this.unreported.reset();
    this.cursor = null;
  }

  private async checkRunning(now: number, report: ReconcileReport): Promise<void> {
    const rows = await this.jobs.findRunning(RUNNING_LIMIT);
    const reported = await this.fleet.runningJobIds();
    if (reported === null) return; // a worker that does not report its jobs might be running any of them
    const orphaned = new Set(
      this.unreported.observe(
        rows.map((row) => row.id),
        reported,
        now,
      ),
    );
    const candidates = rows.filter((row) => orphaned.has(row.id));
    if (!candidates.length) return;
    const states = await this.queue.states(candidates);
    for (const row of candidates) {
      const state = states.get(row.id) ?? 'missing';
      if (state === 'live') continue;
      if (row.attempts >= this.maxAttempts) {
        const message = `platform error: the worker running attempt ${row.attempts} of ${this.maxAttempts} stopped before it finished`;
        if (await this.jobs.fail(row.id, row.attempts, message)) {
          report.failed.push(row.id);
          await this.notifier.finished(row.id, row.callbackUrl);
        }
      } else if (await this.jobs.release(row.id, row.attempts)) {
        await this.queue.enqueue(row, state === 'finished');
        report.requeued.push(row.id);
      }
    }
  }

  private async checkQueued(now: number, report: ReconcileReport): Promise<void> {
    const rows = await this.jobs.findQueued(new Date(now - QUEUED_MIN_AGE_MS), this.cursor, QUEUED_PAGE_SIZE);
    // A long backlog is walked a page per pass, then from the start again.
    const last = rows[rows.length - 1];
    this.cursor = rows.length === QUEUED_PAGE_SIZE && last ? { createdAt: last.createdAt, id: last.id } : null;
    if (!rows.length) return;
    const states = await this.queue.states(rows);
    for (const row of rows) {
      const state = states.get(row.id) ?? 'missing';
      if (state === 'live') continue;
      await this.queue.enqueue(row, state === 'finished');
      report.reenqueued.push(row.id);
    }
  }
}
