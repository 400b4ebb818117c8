import type { JobStatus } from '#contracts';

export interface FinishedJob {
  language: string;
  status: Extract<JobStatus, 'completed' | 'failed' | 'cancelled'>;
  /** The job's outcome; `none` for a cancelled job. */
  outcome: string;
  /** From the claim to the result, in seconds: sandbox, compile and test cases included. */
  runSeconds: number;
}

/** What ExecutionService reports about each job (metrics); the worker's implementation is WorkerMetrics. */
export abstract class ExecutionObserver {
  /** A job's first claim: how long it waited in the queue since it was created. */
  abstract claimed(language: string, queueWaitSeconds: number): void;
  abstract finished(job: FinishedJob): void;
}
