/**
 * How fast the fleet notices a lost worker, job or queue entry. Worst cases after a
 * `kill -9`: its jobs are back in the queue within JOB_LOCK_MS + STALLED_CHECK_EVERY_MS
 * (20 s); its containers are removed within the heartbeat TTL (15 s) + ABSENCE_GRACE_MS
 * + SWEEP_EVERY_MS (30 s).
 */

/** A running job's BullMQ lock lives this long without renewal (renewed every half of it). */
export const JOB_LOCK_MS = 15_000;
/** How often each worker looks for active jobs whose lock expired. */
export const STALLED_CHECK_EVERY_MS = 5_000;
/**
 * BullMQ would fail a job that stalled more often than this, leaving its row `running`; the
 * row's own attempt bound (RUNQ_JOB_ATTEMPTS, at most 20) decides instead, at the next claim.
 */
export const MAX_STALLED_COUNT = 20;

/** After a Redis error a worker's fetch loop waits this long before it asks again (BullMQ's default is 15 s). */
export const QUEUE_RETRY_MS = 2_000;

/** One reconciler pass (by the fleet's leader) every so often. */
export const RECONCILE_EVERY_MS = 5_000;
/** The reconciler's leadership lapses if not renewed for this long. */
export const LEADER_TTL_MS = 3 * RECONCILE_EVERY_MS;
/**
 * A worker (or a running job) must be missing from the heartbeats for this long before its
 * containers are removed (or its job re-queued). Longer than the heartbeat period, so a Redis
 * that restarted without its data (heartbeats gone until the next beat) removes nothing.
 */
export const ABSENCE_GRACE_MS = 10_000;
/** How often each worker looks for sandbox containers of dead workers. */
export const SWEEP_EVERY_MS = 5_000;
/** A queued row younger than this may still be on its way to the queue (the API inserts, then enqueues). */
export const QUEUED_MIN_AGE_MS = 5_000;
/** Queued rows checked against the queue per pass; a larger backlog is walked over several passes. */
export const QUEUED_PAGE_SIZE = 500;
/** Running rows checked per pass (a fleet runs at most its total concurrency at once). */
export const RUNNING_LIMIT = 2_000;
