import { Inject, Injectable } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { ExecutionQueues } from '#messaging';
import type { QueueEntryState, QueueRef, ReconcilerQueue } from './reconciler';

/** The reconciler's view of the execution queues (each job in its language's pool), through BullMQ. */
@Injectable()
export class QueueEntries implements ReconcilerQueue {
  constructor(
    private readonly queues: ExecutionQueues,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async states(jobs: QueueRef[]): Promise<Map<string, QueueEntryState>> {
    const states = await Promise.all(jobs.map((job) => this.queues.forLanguage(job.language).getJobState(job.id)));
    return new Map(
      jobs.map((job, i) => {
        const state = states[i];
        return [job.id, state === 'unknown' ? 'missing' : state === 'completed' || state === 'failed' ? 'finished' : 'live'];
      }),
    );
  }

  async enqueue(job: QueueRef, replaceFinished: boolean): Promise<void> {
    // A finished entry would swallow the add (same job id): drop it first.
    if (replaceFinished) await this.queues.forLanguage(job.language).remove(job.id);
    await this.queues.enqueue(job.id, job.language, this.config.worker.attempts);
  }
}
