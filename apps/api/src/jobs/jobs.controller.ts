import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../auth/caller';
import { CreateJobDto } from './dto/create-job.dto';
import { ListJobsQuery, WaitQuery } from './dto/job-queries.dto';
import { presentJob, type JobView } from './job.presenter';
import { JobsService } from './jobs.service';

@Controller()
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /** 201 + Location; with ?wait=true behaves like POST /execute. */
  @Post('jobs')
  async create(
    @Body() dto: CreateJobDto,
    @Query() query: WaitQuery,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JobView> {
    if (query.wait || query.waitMs !== undefined) return this.execute(dto, query, caller, res);
    const job = await this.jobs.create(dto, caller);
    res.status(201).location(`/jobs/${job.id}`);
    return presentJob(job);
  }

  /** 200 with the finished job, or 202 + Location when the bounded wait runs out first. */
  @Post('execute')
  async execute(
    @Body() dto: CreateJobDto,
    @Query() query: WaitQuery,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JobView> {
    const { job, finished } = await this.jobs.createAndWait(dto, caller, query.waitMs);
    res.status(finished ? 200 : 202);
    if (!finished) res.location(`/jobs/${job.id}`);
    return presentJob(job);
  }

  @Get('jobs')
  async list(@Query() query: ListJobsQuery, @CurrentCaller() caller: Caller): Promise<{ items: JobView[]; nextCursor: string | null }> {
    const page = await this.jobs.list(query, caller);
    return { items: page.items.map(presentJob), nextCursor: page.nextCursor };
  }

  @Get('jobs/:id')
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<JobView> {
    return presentJob(await this.jobs.get(id, caller));
  }

  @Post('jobs/:id/cancel')
  @HttpCode(200)
  async cancel(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<JobView> {
    return presentJob(await this.jobs.cancel(id, caller));
  }
}
