import type { JobView, StageResult } from '#contracts';
import type { Job } from './job';

function functionFields(row: Job): Partial<JobView> {
  const call = row.functionCall;
  if (!call) return {};
  const done = row.functionResult;
  return {
    function: { name: call.name },
    network: row.network,
    isolation: call.isolation ?? 'container',
    result: done ? done.result : null,
    logs: done ? done.logs : null,
    logsTruncated: done ? done.logsTruncated : false,
    error: done ? done.error : null,
  };
}

const toBase64 = (stage: StageResult): StageResult =>
  stage.encoding === 'base64'
    ? stage
    : {
        ...stage,
        stdout: Buffer.from(stage.stdout).toString('base64'),
        stderr: Buffer.from(stage.stderr).toString('base64'),
        encoding: 'base64',
      };

/** When a job was created, started and finished, and how long it waited and took in all (the same in every view of a job). */
export function presentTimes(
  row: Pick<Job, 'createdAt' | 'startedAt' | 'finishedAt'>,
): Pick<JobView, 'createdAt' | 'startedAt' | 'finishedAt' | 'queueMs' | 'totalMs'> {
  return {
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    queueMs: row.startedAt ? row.startedAt.getTime() - row.createdAt.getTime() : null,
    totalMs: row.finishedAt ? row.finishedAt.getTime() - row.createdAt.getTime() : null,
  };
}

/**
 * The public JSON shape of a job. Source, stdin and expected outputs are not echoed back.
 * With `base64`, every output is given base64-encoded (binary output always is, flagged by `encoding`).
 */
export function presentJob(row: Job, options: { base64?: boolean } = {}): JobView {
  const stage = (result: StageResult | null) => (result && options.base64 ? toBase64(result) : result);
  const tests = row.testResults;
  return {
    id: row.id,
    status: row.status,
    outcome: row.outcome,
    language: row.language,
    version: row.version,
    args: row.args,
    compileOptions: row.compileOptions,
    limits: row.limits,
    encoding: row.encoding,
    comparison: row.comparison,
    compile: stage(row.compile),
    run: stage(row.run),
    tests: tests && options.base64 ? tests.map((t) => ({ ...t, ...toBase64(t) })) : tests,
    summary: row.summary,
    callbackUrl: row.callbackUrl,
    callback: row.callback,
    message: row.message,
    attempts: row.attempts,
    ...presentTimes(row),
    timings: row.timings,
    ...functionFields(row),
  };
}
