import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { jobFromWire, type Job } from '#jobs';
import { JobEvents } from '#messaging';

/** How a wait ended: woken by the finished event (with the row, when it rode on the event), or timed out. */
export type WaitEnd = { woken: true; job?: Job } | { woken: false };

/**
 * Lets many HTTP requests wait for job completion over the process's single Redis
 * subscription. A waiter is armed before the job is enqueued, so no event is missed.
 */
@Injectable()
export class JobWaiter implements OnModuleInit, OnModuleDestroy {
  private readonly waiting = new Map<string, Set<(detail?: string) => void>>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly events: JobEvents) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.onFinished((jobId, detail) => this.waiting.get(jobId)?.forEach((wake) => wake(detail)));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    for (const set of this.waiting.values()) set.forEach((wake) => wake());
  }

  /** Returns a promise that settles on the job's finished event or after `ms`, and a disarm function. */
  arm(jobId: string, ms: number): { done: Promise<WaitEnd>; disarm: () => void } {
    let wake!: (detail?: string) => void;
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<WaitEnd>((resolve) => {
      wake = (detail) => resolve({ woken: true, job: detail === undefined ? undefined : readRow(detail) });
      timer = setTimeout(() => resolve({ woken: false }), ms);
    });
    let set = this.waiting.get(jobId);
    if (!set) this.waiting.set(jobId, (set = new Set()));
    set.add(wake);
    let armed = true;
    const disarm = () => {
      if (!armed) return;
      armed = false;
      clearTimeout(timer);
      set.delete(wake);
      if (!set.size && this.waiting.get(jobId) === set) this.waiting.delete(jobId);
    };
    void done.then(disarm);
    return { done, disarm };
  }

  get size(): number {
    return this.waiting.size;
  }
}

/** A row that does not parse is read from the database instead. */
function readRow(detail: string): Job | undefined {
  try {
    return jobFromWire(detail);
  } catch {
    return undefined;
  }
}
