import { Inject, Injectable } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { DomainError } from '#contracts';
import { LanguageRegistry } from '#languages';
import type { Caller } from '../../auth/caller';
import { JobSubmissionService } from '../../jobs/job-submission.service';
import { LanguagesService } from '../../languages/languages.service';
import { parsePistonExecute, type PistonMaxima } from './piston-execute.request';
import { pistonMaxima, toJobRequest } from './piston-request.mapper';
import { toPistonResponse, type PistonExecuteResponse } from './piston-response.mapper';
import { pistonRuntimes, type PistonRuntime, type ResolvedRuntime } from './piston-runtimes';

export interface PistonPackage {
  language: string;
  language_version: string;
  installed: boolean;
}

/** Piston v2 over runq: its runtimes are runq's installed languages, an execute is an ordinary runq job waited for. */
@Injectable()
export class PistonService {
  private readonly maxima: PistonMaxima;

  constructor(
    private readonly registry: LanguageRegistry,
    private readonly languages: LanguagesService,
    private readonly submissions: JobSubmissionService,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {
    this.maxima = pistonMaxima(config);
  }

  runtimes(): PistonRuntime[] {
    return this.resolved().map(({ runtime }) => runtime);
  }

  packages(): PistonPackage[] {
    return this.runtimes().map((runtime) => ({ language: runtime.language, language_version: runtime.version, installed: true }));
  }

  async execute(body: unknown, caller: Caller): Promise<PistonExecuteResponse> {
    const request = parsePistonExecute(body, this.resolved(), this.maxima);
    const waitMs = this.config.wait.maxMs;
    const { job, finished } = await this.submissions.createAndWait(toJobRequest(request), caller, waitMs);
    if (!finished) throw new DomainError('unavailable', `job ${job.id} did not finish within ${waitMs} ms; see GET /jobs/${job.id}`);
    return toPistonResponse(job, request.runtime.runtime, Boolean(request.runtime.language.compile));
  }

  private resolved(): ResolvedRuntime[] {
    return pistonRuntimes(this.registry.all, this.languages.installed());
  }
}
