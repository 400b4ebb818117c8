import type { JobLimits, StageResult } from '#contracts';
import type { JobRow } from '#db';

export interface JobView {
  id: string;
  status: string;
  outcome: string | null;
  language: string;
  version: string | null;
  args: string[];
  compileOptions: string[];
  limits: JobLimits;
  compile: StageResult | null;
  run: StageResult | null;
  message: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  queueMs: number | null;
  totalMs: number | null;
}

/** The public JSON shape of a job. Source and stdin are not echoed back. */
export function presentJob(row: JobRow): JobView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    status: row.status,
    outcome: row.outcome,
    language: row.language,
    version: row.version,
    args: row.args as string[],
    compileOptions: row.compileOptions as string[],
    limits: row.limits as unknown as JobLimits,
    compile: (row.compile as unknown as StageResult | null) ?? null,
    run: (row.run as unknown as StageResult | null) ?? null,
    message: row.message,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    queueMs: row.startedAt ? row.startedAt.getTime() - row.createdAt.getTime() : null,
    totalMs: row.finishedAt ? row.finishedAt.getTime() - row.createdAt.getTime() : null,
  };
}
