/**
 * Names shared by producers and consumers. They are a contract between deployed API
 * and worker versions: never rename one, add a new one instead.
 */
export const EXECUTIONS_QUEUE = 'executions';
export const EXECUTE_JOB_NAME = 'execute';

/** Channel on which a worker announces that a job reached a final status. */
export const JOB_FINISHED_CHANNEL = 'runq:job-finished';
/** Channel on which the API asks workers to kill the container of a job. */
export const JOB_CANCEL_CHANNEL = 'runq:job-cancel';
/** Key prefix of worker heartbeats: `runq:worker:<id>` holds a WorkerHeartbeat. */
export const WORKER_HEARTBEAT_PREFIX = 'runq:worker:';

/** The queue payload carries only the row id: Postgres is the source of truth. */
export interface ExecutionJobData {
  jobId: string;
}

export interface WorkerHeartbeat {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  running: number;
  /** Ids of the jobs it is running now (the reconciler leaves these alone). */
  jobs?: string[];
  runtime: string;
  docker: { ok: boolean; error?: string };
  /** language id -> toolchain version read from the image label. */
  languages: Record<string, string>;
  /** Warm container pool: hits, misses, and warm containers per profile. */
  pool?: { hits: number; misses: number; sizes: Record<string, number> };
  startedAt: string;
  at: string;
}

/** Webhook deliveries: one queue entry per finished job that has a callbackUrl. */
export const CALLBACKS_QUEUE = 'callbacks';
export const DELIVER_CALLBACK_JOB_NAME = 'deliver';

export interface CallbackJobData {
  jobId: string;
}

/** A job's webhook delivery state, as stored on the job and shown in its JSON. */
export interface CallbackState {
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  /** HTTP status of the last attempt, when there was a response. */
  lastStatus: number | null;
  deliveredAt: string | null;
}
