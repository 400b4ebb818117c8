import { artifactMetadata, type Artifact, type JobView, type StageResult, type TestCaseResult } from '#contracts';
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

/** The job's artifact patterns and artifacts; without their bytes unless `bodies`. */
function artifactFields(row: Job, bodies: boolean): Partial<JobView> {
  if (!row.artifactPatterns) return {};
  const shown = (list: Artifact[] | null) => (list && !bodies ? artifactMetadata(list) : list);
  return { artifactPatterns: row.artifactPatterns, artifacts: shown(row.artifacts) };
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
 * With `artifactBodies: false` (list views, webhooks), artifacts come without their bytes.
 */
export function presentJob(row: Job, options: { base64?: boolean; artifactBodies?: boolean } = {}): JobView {
  const stage = (result: StageResult | null) => (result && options.base64 ? toBase64(result) : result);
  const bodies = options.artifactBodies ?? true;
  const caseArtifacts = (t: TestCaseResult) => (t.artifacts && !bodies ? { ...t, artifacts: artifactMetadata(t.artifacts) } : t);
  const tests = row.testResults && row.testResults.map(caseArtifacts);
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
    ...artifactFields(row, bodies),
    ...functionFields(row),
  };
}
