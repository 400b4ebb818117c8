import { Prisma, type JobRecord } from '#db';
import type { ExecutionResult } from '#contracts';
import { PENDING_CALLBACK, type NewJob } from './job';

/*
 * The statements of a job's hot path (insert, claim, complete, read by id) in SQL: a model
 * query costs Prisma's query compiler 1-2 ms of CPU each, a raw one a fraction of that, and
 * this path runs once per job at hundreds of jobs a second. Rows come back under the field
 * names, so they are the same JobRecord a model query returns.
 */

/** Each field's column. Typed against the generated model: a schema change that this misses does not compile. */
const COLUMNS: Record<keyof JobRecord, string> = {
  id: 'id',
  apiKeyId: 'api_key_id',
  status: 'status',
  outcome: 'outcome',
  language: 'language',
  version: 'version',
  files: 'files',
  stdin: 'stdin',
  args: 'args',
  compileOptions: 'compile_options',
  limits: 'limits',
  encoding: 'encoding',
  expectedOutput: 'expected_output',
  comparison: 'comparison',
  tests: 'tests',
  compile: 'compile',
  run: 'run',
  testResults: 'test_results',
  summary: 'summary',
  timings: 'timings',
  functionCall: 'function',
  network: 'network',
  functionResult: 'function_result',
  artifactPatterns: 'artifact_patterns',
  artifacts: 'artifacts',
  callbackUrl: 'callback_url',
  callbackFormat: 'callback_format',
  runs: 'runs',
  redirectStderr: 'redirect_stderr',
  callback: 'callback',
  message: 'message',
  attempts: 'attempts',
  workerId: 'worker_id',
  createdAt: 'created_at',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
};

/** Enum columns come back as their labels, as a model query gives them. */
const ENUM_FIELDS = new Set<string>(['status', 'outcome']);

/** The select list that reads a whole row under its field names; built once. */
const ROW = Prisma.raw(
  Object.entries(COLUMNS)
    .map(([field, column]) => `"${column}"${ENUM_FIELDS.has(field) ? '::text' : ''} AS "${field}"`)
    .join(', '),
);

/** A jsonb parameter; null is SQL NULL. */
function jsonb(value: unknown): Prisma.Sql {
  return Prisma.sql`${value === null || value === undefined ? null : JSON.stringify(value)}::jsonb`;
}

/** A json (text-kept) parameter: object keys keep their order. */
function json(value: unknown): Prisma.Sql {
  return Prisma.sql`${value === null || value === undefined ? null : JSON.stringify(value)}::json`;
}

export function insertJobSql(job: NewJob, createdAt: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO jobs (id, api_key_id, language, version, files, stdin, args, compile_options, limits, encoding,
      expected_output, comparison, tests, callback_url, callback_format, function, network, artifact_patterns,
      runs, redirect_stderr, created_at)
    VALUES (${job.id}::uuid, ${job.apiKeyId}::uuid, ${job.language}, ${job.version}, ${jsonb(job.files)}, ${job.stdin},
      ${jsonb(job.args)}, ${jsonb(job.compileOptions)}, ${jsonb(job.limits)}, ${job.encoding}, ${job.expectedOutput},
      ${jsonb(job.comparison)}, ${jsonb(job.tests)}, ${job.callbackUrl}, ${job.callbackFormat ?? null},
      ${json(job.functionCall ?? null)}, ${jsonb(job.network ?? null)}, ${jsonb(job.artifactPatterns ?? null)},
      ${job.runs ?? 1}::int, ${job.redirectStderr ?? false}, ${createdAt})
    RETURNING ${ROW}`;
}

/** Takes a queued job, or a running one whose attempt was lost while attempts remain (see JobRepository.claim). */
export function claimJobSql(id: string, workerId: string, maxAttempts: number, startedAt: Date): Prisma.Sql {
  return Prisma.sql`
    UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = ${startedAt}, worker_id = ${workerId}
    WHERE id = ${id}::uuid AND (status = 'queued' OR (status = 'running' AND attempts < ${maxAttempts}::int))
    RETURNING ${ROW}`;
}

/**
 * Records the result if `attempt` still owns the job. A job with a webhook is marked due in the
 * same write, so a request woken by its finished event already sees the delivery as pending.
 */
export function completeJobSql(id: string, attempt: number, result: ExecutionResult, version: string | null, finishedAt: Date): Prisma.Sql {
  return Prisma.sql`
    UPDATE jobs SET status = 'completed', outcome = ${result.outcome}::"Outcome",
      compile = ${jsonb(result.compile)}, run = ${jsonb(result.run)}, test_results = ${jsonb(result.tests ?? null)},
      summary = ${jsonb(result.summary ?? null)}, timings = ${jsonb(result.timings ?? null)},
      function_result = ${json(result.function ?? null)}, artifacts = ${jsonb(result.artifacts ?? null)},
      message = ${result.message ?? null}, finished_at = ${finishedAt}, version = COALESCE(${version}, version),
      callback = CASE WHEN callback_url IS NULL THEN callback ELSE ${jsonb(PENDING_CALLBACK)} END
    WHERE id = ${id}::uuid AND status = 'running' AND attempts = ${attempt}::int
    RETURNING ${ROW}`;
}

export function findJobSql(id: string): Prisma.Sql {
  return Prisma.sql`SELECT ${ROW} FROM jobs WHERE id = ${id}::uuid`;
}
