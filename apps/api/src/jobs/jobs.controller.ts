import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { presentJob, type Job } from '#jobs';
import { type JobView } from '#contracts';
import { toNativeError } from '../common/native-error.mapper';
import { CurrentCaller, type Caller } from '../auth/caller';
import { BatchDto } from './dto/batch.dto';
import { CreateJobDto } from './dto/create-job.dto';
import { DeleteJobQuery, ExecuteQuery, ListJobsQuery, OutputQuery, WaitQuery } from './dto/job-queries.dto';
import { ApiBatch, ApiCancelJob, ApiCreateJob, ApiDeleteJob, ApiExecute, ApiGetJob, ApiListJobs } from './jobs.api-docs';
import { IdempotentBatchService } from './idempotent-batch.service';
import { JobQueryService } from './job-query.service';
import { JobSubmissionService } from './job-submission.service';

@ApiTags('jobs')
@Controller()
export class JobsController {
  constructor(
    private readonly submissions: JobSubmissionService,
    private readonly queries: JobQueryService,
    private readonly batches: IdempotentBatchService,
  ) {}

  /** 201 + Location; with ?wait=true behaves like POST /execute. */
  @Post('jobs')
  @ApiCreateJob()
  async create(
    @Body() dto: CreateJobDto,
    @Query() query: WaitQuery,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JobView> {
    if (query.wait || query.waitMs !== undefined) return this.execute(dto, query, caller, res);
    const key = idempotencyKey(res.req.headers['idempotency-key']);
    const { job, replayed } = key
      ? await this.submissions.createIdempotent(dto, caller, key)
      : { job: await this.submissions.create(dto, caller), replayed: false };
    res.status(201).location(`/jobs/${job.id}`);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return presentJob(job, query);
  }

  /** Up to RUNQ_MAX_BATCH jobs; each item is created or carries its own error, in order. */
  @Post('jobs/batch')
  @ApiBatch()
  @HttpCode(200)
  async batch(
    @Body() body: BatchDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ items: (JobView | { error: object })[] }> {
    const key = idempotencyKey(res.req.headers['idempotency-key']);
    const { items, replayed } = key
      ? await this.batches.create(body.jobs, caller, key)
      : { items: await this.submissions.createBatch(body.jobs, caller), replayed: false };
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { items: items.map((item) => ('job' in item ? presentJob(item.job) : { error: toNativeError(item.error).body })) };
  }

  /** 200 with the finished job, or 202 + Location when the bounded wait runs out first. */
  @Post('execute')
  @ApiExecute()
  async execute(
    @Body() dto: CreateJobDto,
    @Query() query: ExecuteQuery,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JobView> {
    const key = idempotencyKey(res.req.headers['idempotency-key']);
    const { job, finished, replayed } = await this.submissions.createAndWait(dto, caller, query.waitMs, key);
    res.status(finished ? 200 : 202);
    if (!finished) res.location(`/jobs/${job.id}`);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return presentJob(job, query);
  }

  @Get('jobs')
  @ApiListJobs()
  async list(
    @Query() query: ListJobsQuery,
    @CurrentCaller() caller: Caller,
  ): Promise<{ items: (JobView | null)[]; nextCursor?: string | null }> {
    // A list carries artifacts without their bytes (GET /jobs/:id or the download route has them).
    const present = (row: Job) => presentJob(row, { ...query, artifactBodies: false });
    if (query.ids) {
      const rows = await this.queries.getMany(query.ids.split(','), caller);
      return { items: rows.map((row) => (row ? present(row) : null)) };
    }
    const page = await this.queries.list(query, caller);
    return { items: page.items.map(present), nextCursor: page.nextCursor };
  }

  @Get('jobs/:id')
  @ApiGetJob()
  async get(@Param('id') id: string, @Query() query: OutputQuery, @CurrentCaller() caller: Caller): Promise<JobView> {
    return presentJob(await this.queries.get(id, caller), query);
  }

  @Post('jobs/:id/cancel')
  @ApiCancelJob()
  @HttpCode(200)
  async cancel(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<JobView> {
    return presentJob(await this.submissions.cancel(id, caller));
  }

  /** 204; a queued or running job is refused (409) unless ?force=true, which cancels it first. */
  @Delete('jobs/:id')
  @ApiDeleteJob()
  @HttpCode(204)
  async remove(@Param('id') id: string, @Query() query: DeleteJobQuery, @CurrentCaller() caller: Caller): Promise<void> {
    await this.submissions.remove(id, caller, query.force ?? false);
  }
}

/** The Idempotency-Key header, if any: 1–255 printable ASCII characters. */
function idempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (typeof header !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(header)) {
    throw new BadRequestException('Idempotency-Key must be 1 to 255 printable ASCII characters');
  }
  return header;
}
