import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { EXECUTE_JOB_NAME, EXECUTIONS_QUEUE, type ExecutionJobData } from '#contracts';
import { executionJobOptions } from '#messaging';
import type { QueueEntryState, ReconcilerQueue } from './reconciler';

/** The reconciler's view of the `executions` queue, through BullMQ. */
@Injectable()
export class QueueEntries implements ReconcilerQueue {
  constructor(
    @InjectQueue(EXECUTIONS_QUEUE) private readonly queue: Queue<ExecutionJobData>,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async states(ids: string[]): Promise<Map<string, QueueEntryState>> {
    const states = await Promise.all(ids.map((id) => this.queue.getJobState(id)));
    return new Map(
      ids.map((id, i) => {
        const state = states[i];
        return [id, state === 'unknown' ? 'missing' : state === 'completed' || state === 'failed' ? 'finished' : 'live'];
      }),
    );
  }

  async enqueue(id: string, replaceFinished: boolean): Promise<void> {
    // A finished entry would swallow the add (same job id): drop it first.
    if (replaceFinished) await this.queue.remove(id);
    await this.queue.add(EXECUTE_JOB_NAME, { jobId: id }, executionJobOptions(id, this.config.worker.attempts));
  }
}
