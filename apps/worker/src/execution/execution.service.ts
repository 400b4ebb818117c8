import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { isDatabaseUnavailable } from '#db';
import { JobFinisher, JobRepository, type Job } from '#jobs';
import { SandboxService } from '#sandbox';
import { LanguageRegistry, versionKey } from '#languages';
import { SANDBOX_LABELS, WORKER_ID } from '../worker.tokens';
import { artifactRequest, decode, toExecutionFiles, toExecutionTests } from './job-files';
import { LanguageVersions } from '../fleet/language-versions';
import { ExecutionObserver, type FinishedJob } from './execution-observer';
import { RunningExecutions } from './running-executions';

/** The stored function request as the sandbox takes it; undefined for a plain program. */
function functionSpec({ functionCall, network }: Job) {
  if (!functionCall) return undefined;
  return { name: functionCall.name, inputs: functionCall.inputs, network: network?.allow ?? null, isolation: functionCall.isolation };
}

export interface AttemptInfo {
  jobId: string;
  /** True when no retry follows if this attempt throws. */
  isFinalAttempt: boolean;
}

export type AttemptResult = 'completed' | 'failed' | 'skipped' | 'cancelled' | 'superseded';

/** Thrown to hand a job back to the queue (worker shutting down). */
export class RequeueError extends Error {}

/** Back-off between tries of a result write while Postgres is unreachable. */
const WRITE_RETRY_MIN_MS = 250;
const WRITE_RETRY_MAX_MS = 5000;

/**
 * One attempt at one job: claim the row, run it in the sandbox, write the result only
 * if this attempt still owns the job, then announce it. Faults are rethrown so the
 * queue retries; on the final attempt the job is marked failed first.
 */
@Injectable()
export class ExecutionService {
  private readonly logger = new Logger(ExecutionService.name);

  constructor(
    private readonly jobs: JobRepository,
    private readonly finisher: JobFinisher,
    private readonly sandbox: SandboxService,
    private readonly languages: LanguageRegistry,
    private readonly running: RunningExecutions,
    private readonly versions: LanguageVersions,
    @Inject(WORKER_ID) private readonly workerId: string,
    @Inject(SANDBOX_LABELS) private readonly labels: Record<string, string>,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
    @Optional() private readonly observer?: ExecutionObserver,
  ) {}

  async attempt({ jobId, isFinalAttempt }: AttemptInfo): Promise<AttemptResult> {
    const maxAttempts = this.config.worker.attempts;
    const claim = await this.jobs.claim(jobId, this.workerId, maxAttempts);
    if (!claim) return 'skipped';
    const { row } = claim;
    const attempt = row.attempts;
    const started = performance.now();
    const languageId = this.languages.resolve(row.language)?.id ?? row.language;
    if (attempt === 1 && row.createdAt && row.startedAt)
      this.observer?.claimed(languageId, (row.startedAt.getTime() - row.createdAt.getTime()) / 1000);
    const report = (status: FinishedJob['status'], outcome: string) => {
      const runSeconds = (performance.now() - started) / 1000;
      this.logger.log(`finished: ${status}, outcome ${outcome}, ${languageId}, attempt ${attempt}, ${Math.round(runSeconds * 1000)} ms`);
      this.observer?.finished({ language: languageId, status, outcome, runSeconds });
    };
    if (claim.kind === 'exhausted') {
      // Handed out again after a crash, with no attempt left: the job itself may be what kills workers.
      const message = `platform error: the worker running attempt ${attempt} of ${maxAttempts} stopped before it finished`;
      if (await this.jobs.fail(jobId, attempt, message)) {
        this.logger.warn(`job ${jobId}: failed, ${message} (worker ${row.workerId})`);
        report('failed', 'internal_error');
        await this.finisher.finished(row);
      }
      return 'failed';
    }
    const isFinal = isFinalAttempt || attempt >= maxAttempts;
    const signal = this.running.start(jobId);
    try {
      // The version stored at submission selects a variant of the toolchain (Java 21 beside 25).
      const language = this.languages.resolve(row.language, row.version);
      if (!language) throw new Error(`language "${row.language}" is not known to this worker`);
      const result = await this.sandbox.execute({
        jobId,
        language,
        files: toExecutionFiles(row.files),
        stdin: decode(row.stdin, row.encoding),
        args: row.args,
        compileOptions: row.compileOptions,
        limits: row.limits,
        expectedOutput: row.expectedOutput === null ? undefined : decode(row.expectedOutput, row.encoding),
        runs: row.runs,
        tests: row.tests ? toExecutionTests(row.tests) : undefined,
        comparison: row.comparison ?? undefined,
        function: functionSpec(row),
        artifacts: artifactRequest(row.artifactPatterns, this.config.artifacts, row.tests?.length ?? 1),
        labels: this.labels,
        signal,
      });
      if (result.cancelled) {
        if (signal.reason === 'shutdown') throw new RequeueError('worker shut down before the job finished');
        report('cancelled', 'none');
        return 'cancelled';
      }
      const version = this.versions.of(versionKey(language));
      const written = await this.persist(jobId, signal, () => this.jobs.complete(jobId, attempt, result, version));
      if (!written) {
        this.logger.debug(`job ${jobId} attempt ${attempt}: superseded, result not written`);
        return 'superseded';
      }
      report('completed', result.outcome);
      await this.finisher.finished(row, written);
      return 'completed';
    } catch (error) {
      if (error instanceof RequeueError) {
        // Shown as queued again until a worker claims it; if Postgres is down the next claim takes it over anyway.
        await this.jobs.release(jobId, attempt).catch(() => undefined);
        throw error;
      }
      const message = (error as Error).message;
      this.logger.warn(`job ${jobId} attempt ${attempt} failed: ${message}`);
      if (isFinal && (await this.persist(jobId, signal, () => this.jobs.fail(jobId, attempt, `platform error: ${message}`)))) {
        report('failed', 'internal_error');
        await this.finisher.finished(row);
      }
      throw error;
    } finally {
      this.running.finish(jobId);
    }
  }

  /**
   * Retries a write while Postgres is unreachable (restart, failover), with bounded back-off
   * up to RUNQ_RESULT_WRITE_RETRY_MS, so a finished run is recorded rather than run again.
   * A shutdown past its grace period hands the job back instead; a cancel ends the retries.
   */
  private async persist<T>(jobId: string, signal: AbortSignal, write: () => Promise<T>): Promise<T | null> {
    const deadline = Date.now() + this.config.worker.resultWriteRetryMs;
    for (let delay = WRITE_RETRY_MIN_MS; ; delay = Math.min(delay * 2, WRITE_RETRY_MAX_MS)) {
      try {
        return await write();
      } catch (error) {
        if (!isDatabaseUnavailable(error) || Date.now() + delay > deadline) throw error;
        this.logger.warn(`job ${jobId}: database unavailable, retrying the write in ${delay} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (signal.reason === 'shutdown') throw new RequeueError('worker shut down while the database was unavailable');
      if (signal.aborted) return null;
    }
  }
}
