import { Prisma, type JobRecord } from '#db';
import type { Job } from './job';

/**
 * The one place a stored row becomes a typed Job. Prisma types the JSON columns as JsonValue;
 * every one of them is written only by JobRepository from the contract types, so the row is
 * read back as those types.
 */
export function toJob(record: JobRecord): Job {
  const job = record as unknown as Job;
  // Stored before limits had a CPU time: the wall-clock limit bounds it (one CPU's worth), as a job that sets none.
  if (job.limits && typeof job.limits.cpuTimeMs !== 'number') job.limits = { ...job.limits, cpuTimeMs: job.limits.timeoutMs };
  return job;
}

/** A contract value (plain JSON data: objects and arrays of the contract types) for a JSON column. */
export function toJson(value: object): Prisma.InputJsonValue {
  // Prisma's recursive InputJsonValue cannot see through interfaces; the contract types hold only JSON values.
  return value as unknown as Prisma.InputJsonValue;
}

/** As toJson, with SQL NULL for null. */
export function toJsonColumn(value: object | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null ? Prisma.DbNull : toJson(value);
}

const DATE_FIELDS = ['createdAt', 'startedAt', 'finishedAt'] as const;

/** A job as JSON text, for a message between processes. */
export function jobToWire(job: Job): string {
  return JSON.stringify(job);
}

/** The job jobToWire wrote, its dates revived. */
export function jobFromWire(text: string): Job {
  const job = JSON.parse(text) as Job & Record<(typeof DATE_FIELDS)[number], string | Date | null>;
  for (const field of DATE_FIELDS) if (typeof job[field] === 'string') job[field] = new Date(job[field]);
  return job;
}
