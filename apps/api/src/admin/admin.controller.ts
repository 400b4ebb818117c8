import { ApiExcludeController } from '@nestjs/swagger';
import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { AdminKeyView, FleetOverview, JobDetail, JobStats, JobSummaryPage, JobView } from '#contracts';
import { AdminOnly } from '../auth/admin-only.decorator';
import { CurrentCaller, type Caller } from '../auth/caller';
import { AdminJobsService } from './admin-jobs.service';
import { AdminJobsQuery, StatsQuery } from './dto/admin-queries.dto';
import { JobStatsService } from './job-stats.service';
import { OverviewService } from './overview.service';

/** The dashboard's JSON: admin callers only (admin key or dashboard session). */
@ApiExcludeController()
@Controller('admin/api')
@AdminOnly()
export class AdminController {
  constructor(
    private readonly overview: OverviewService,
    private readonly stats: JobStatsService,
    private readonly jobs: AdminJobsService,
  ) {}

  @Get('overview')
  getOverview(): Promise<FleetOverview> {
    return this.overview.read();
  }

  @Get('stats')
  getStats(@Query() query: StatsQuery): Promise<JobStats> {
    return this.stats.read(query.minutes ?? 60);
  }

  @Get('keys')
  keys(): Promise<AdminKeyView[]> {
    return this.jobs.keys();
  }

  @Get('jobs')
  list(@Query() query: AdminJobsQuery): Promise<JobSummaryPage> {
    return this.jobs.list(query);
  }

  @Get('jobs/:id')
  detail(@Param('id') id: string): Promise<JobDetail> {
    return this.jobs.detail(id);
  }

  @Post('jobs/:id/cancel')
  @HttpCode(200)
  cancel(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<JobView> {
    return this.jobs.cancel(id, caller);
  }

  /** 201 with the new job. */
  @Post('jobs/:id/rerun')
  rerun(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<JobView> {
    return this.jobs.rerun(id, caller);
  }

  @Delete('jobs/:id')
  @HttpCode(204)
  remove(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<void> {
    return this.jobs.delete(id, caller);
  }
}
