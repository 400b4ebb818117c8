/**
 * Names shared by producers and consumers. They are a contract between deployed API
 * and worker versions: never rename one, add a new one instead.
 */
export const EXECUTIONS_QUEUE = 'executions';
export const EXECUTE_JOB_NAME = 'execute';
/** Languages not routed elsewhere (RUNQ_POOLS) run in this pool, whose queue is `executions`. */
export const DEFAULT_POOL = 'default';

/** Each worker pool has its own queue; `default` keeps the historical name. */
export function executionsQueueName(pool: string): string {
  return pool === DEFAULT_POOL ? EXECUTIONS_QUEUE : `${EXECUTIONS_QUEUE}-${pool}`;
}

/** Channel on which a worker announces that a job reached a final status. */
export const JOB_FINISHED_CHANNEL = 'runq:job-finished';
/** Channel on which the API asks workers to kill the container of a job. */
export const JOB_CANCEL_CHANNEL = 'runq:job-cancel';
/** Channel on which an API process announces that an API key was revoked or its limits changed (payload: key id). */
export const API_KEY_CHANGED_CHANNEL = 'runq:api-key-changed';
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
  /** The worker pool (RUNQ_WORKER_POOL) whose queue it takes jobs from; `languages` lists only that pool's. */
  languagePool?: string;
  concurrency: number;
  running: number;
  /** Ids of the jobs it is running now (the reconciler leaves these alone). */
  jobs?: string[];
  runtime: string;
  /** language id -> runtime for languages that do not use `runtime`. */
  runtimeOverrides?: Record<string, string>;
  docker: { ok: boolean; error?: string };
  /** language id -> toolchain version read from the image label. */
  languages: Record<string, string>;
  /** Warm container pool: hits, misses, and warm containers per profile. */
  pool?: { hits: number; misses: number; sizes: Record<string, number> };
  /** Isolate mode's sandbox hosts: how many are up, jobs in them now, jobs served, hosts replaced (crash or recycling). */
  isolates?: { hosts: number; running: number; served: number; replaced: number };
  /** The port of the worker's GET /metrics listener, when it runs. */
  metricsPort?: number;
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
