import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import type { Comparison, FunctionCall, JobLimits, NetworkRequest, SourceFile, TestCase } from '#contracts';
import { JobRepository } from '#db';
import { JobEvents } from '#messaging';
import { LanguageRegistry, SandboxService } from '#sandbox';
import { SANDBOX_LABELS, WORKER_ID } from '../worker.tokens';
import { decode, toExecutionFiles, toExecutionTests } from './job-files';
import { CallbackQueue } from '#webhooks';
import { LanguageVersions } from '../fleet/language-versions';
import { ExecutionObserver, type FinishedJob } from './execution-observer';
import { RunningExecutions } from './running-executions';

/** The stored function request as the sandbox takes it; undefined for a plain program. */
function functionSpec(call: unknown, network: unknown) {
  const fn = call as FunctionCall | null;
  if (!fn) return undefined;
  return { name: fn.name, inputs: fn.inputs, network: (network as NetworkRequest | null)?.allow ?? null };
}

export interface AttemptInfo {
  jobId: string;
  /** True when no retry follows if this attempt throws. */
  isFinalAttempt: boolean;
}

export type AttemptResult = 'completed' | 'skipped' | 'cancelled' | 'superseded';

/** Thrown to hand a job back to the queue (worker shutting down). */
export class RequeueError extends Error {}

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
    private readonly events: JobEvents,
    private readonly sandbox: SandboxService,
    private readonly languages: LanguageRegistry,
    private readonly running: RunningExecutions,
    private readonly versions: LanguageVersions,
    private readonly callbacks: CallbackQueue,
    @Inject(WORKER_ID) private readonly workerId: string,
    @Inject(SANDBOX_LABELS) private readonly labels: Record<string, string>,
    @Optional() private readonly observer?: ExecutionObserver,
  ) {}

  async attempt({ jobId, isFinalAttempt }: AttemptInfo): Promise<AttemptResult> {
    const row = await this.jobs.claim(jobId, this.workerId);
    if (!row) return 'skipped';
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
    const signal = this.running.start(jobId);
    try {
      const language = this.languages.resolve(row.language);
      if (!language) throw new Error(`language "${row.language}" is not known to this worker`);
      const result = await this.sandbox.execute({
        jobId,
        language,
        files: toExecutionFiles(row.files as unknown as SourceFile[]),
        stdin: decode(row.stdin, row.encoding),
        args: row.args as string[],
        compileOptions: row.compileOptions as string[],
        limits: row.limits as unknown as JobLimits,
        expectedOutput: row.expectedOutput === null ? undefined : decode(row.expectedOutput, row.encoding),
        tests: row.tests ? toExecutionTests(row.tests as unknown as TestCase[]) : undefined,
        comparison: (row.comparison as unknown as Comparison | null) ?? undefined,
        function: functionSpec(row.functionCall, row.network),
        labels: this.labels,
        signal,
      });
      if (result.cancelled) {
        if (signal.reason === 'shutdown') throw new RequeueError('worker shut down before the job finished');
        report('cancelled', 'none');
        return 'cancelled';
      }
      const written = await this.jobs.complete(jobId, attempt, result, this.versions.of(language.id));
      if (!written) return 'superseded';
      report('completed', result.outcome);
      await this.announce(jobId, row.callbackUrl);
      return 'completed';
    } catch (error) {
      if (error instanceof RequeueError) throw error;
      const message = (error as Error).message;
      this.logger.warn(`job ${jobId} attempt ${attempt} failed: ${message}`);
      if (isFinalAttempt && (await this.jobs.fail(jobId, attempt, `platform error: ${message}`))) {
        report('failed', 'internal_error');
        await this.announce(jobId, row.callbackUrl);
      }
      throw error;
    } finally {
      this.running.finish(jobId);
    }
  }

  /** Wakes waiting requests and schedules the webhook. The row is the truth: neither may fail the job. */
  private async announce(jobId: string, callbackUrl: string | null): Promise<void> {
    await this.events.publishFinished(jobId).catch((error: Error) => this.logger.warn(`publish ${jobId}: ${error.message}`));
    if (callbackUrl)
      await this.callbacks.enqueue(jobId).catch((error: Error) => this.logger.warn(`webhook of ${jobId} not scheduled: ${error.message}`));
  }
}
