import type { JobsOptions } from 'bullmq';

const DAY_S = 24 * 3600;

/**
 * BullMQ options of an execution queue entry, the same whoever enqueues it (the API, or the
 * worker fleet's reconciler, both through ExecutionQueues.enqueue). The row id is the BullMQ
 * job id: a second add is a no-op.
 */
export function executionJobOptions(jobId: string, attempts: number): JobsOptions {
  return {
    jobId,
    attempts,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: DAY_S },
  };
}
