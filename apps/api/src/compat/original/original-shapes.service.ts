import { GatewayTimeoutException, Inject, Injectable, InternalServerErrorException } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import type { JobView } from '#contracts';
import { presentJob } from '#jobs';
import type { Caller } from '../../auth/caller';
import type { CreateJobDto } from '../../jobs/dto/create-job.dto';
import { JobSubmissionService } from '../../jobs/job-submission.service';
import { renameField } from './original-request.mapper';

/**
 * Runs an original shape's request as an ordinary runq job (the one submission path, the
 * same wait as POST /execute) and hands back the finished job's view. What the user's code
 * did is the caller's to present; a job the platform could not finish is an error here.
 */
@Injectable()
export class OriginalShapesService {
  constructor(
    private readonly submissions: JobSubmissionService,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  get maxTimeoutMs(): number {
    return this.config.maxima.timeoutMs;
  }

  /** Whether the operator allows isolate mode (RUNQ_ISOLATE not off). */
  get isolateAvailable(): boolean {
    return this.config.isolate.mode !== 'off';
  }

  /** `fields` renames native fields in refusals (`code` → `script`), so messages name what the client sent. */
  async run(dto: CreateJobDto, caller: Caller, fields: Readonly<Record<string, string>> = {}): Promise<JobView> {
    const waitMs = this.config.wait.maxMs;
    const { job, finished } = await this.submissions.createAndWait(dto, caller, waitMs).catch((error: unknown) => {
      throw renameField(error, fields);
    });
    if (!finished) {
      throw new GatewayTimeoutException(
        `job ${job.id} is still ${job.status} after ${waitMs} ms; GET /jobs/${job.id} has its result later`,
      );
    }
    const view = presentJob(job);
    if (view.status !== 'completed' || view.outcome === 'internal_error') {
      throw new InternalServerErrorException(
        `job ${job.id} ${view.status === 'cancelled' ? 'was cancelled' : 'could not be run'}: ${view.message ?? 'platform error'}`,
      );
    }
    return view;
  }
}
