import { Body, Controller, Delete, Get, Headers, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../../auth/caller';
import { PollRoute } from '../../limits/poll-route.decorator';
import { ApiJudge0BatchCreate, ApiJudge0BatchGet, ApiJudge0Create, ApiJudge0Delete, ApiJudge0Get, ApiJudge0List } from './judge0.api-docs';
import { Judge0ExceptionFilter } from './judge0-exception.filter';
import { Judge0SubmissionsService } from './judge0-submissions.service';

type Body = Record<string, unknown>;
/** A query parameter as Express parses it (named apart from the `Param` decorator: decorator metadata would take that value). */
type QueryValue = string | string[] | undefined;

/** Judge0 CE 1.13.1's submission routes; tokens are runq job ids. Query parameters keep Judge0's names. */
@ApiTags('Judge0 compatible')
@UseFilters(Judge0ExceptionFilter)
@Controller('judge0/submissions')
export class Judge0SubmissionsController {
  constructor(private readonly submissions: Judge0SubmissionsService) {}

  @Post('batch')
  @ApiJudge0BatchCreate()
  async createBatch(
    @Body() body: unknown,
    @Query('base64_encoded') base64: QueryValue,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Body[]> {
    const { status, items } = await this.submissions.createBatch(body, { base64_encoded: base64 }, caller);
    res.status(status);
    return items;
  }

  @Get('batch')
  @PollRoute()
  @ApiJudge0BatchGet()
  getBatch(
    @Query('tokens') tokens: QueryValue,
    @Query('base64_encoded') base64: QueryValue,
    @Query('fields') fields: QueryValue,
    @Headers('tokens') header: string | undefined,
    @CurrentCaller() caller: Caller,
  ): Promise<Body> {
    const list = typeof tokens === 'string' ? tokens : header;
    return this.submissions.getBatch(list, { base64_encoded: base64, fields }, caller);
  }

  @Post()
  @ApiJudge0Create()
  create(
    @Body() body: unknown,
    @Query('base64_encoded') base64: QueryValue,
    @Query('wait') wait: QueryValue,
    @Query('fields') fields: QueryValue,
    @CurrentCaller() caller: Caller,
  ): Promise<Body> {
    return this.submissions.create(body, { base64_encoded: base64, wait, fields }, caller);
  }

  @Get()
  @ApiJudge0List()
  list(
    @Query('page') page: QueryValue,
    @Query('per_page') perPage: QueryValue,
    @Query('base64_encoded') base64: QueryValue,
    @Query('fields') fields: QueryValue,
    @CurrentCaller() caller: Caller,
  ): Promise<Body> {
    return this.submissions.list({ page, per_page: perPage, base64_encoded: base64, fields }, caller);
  }

  @Get(':token')
  @PollRoute()
  @ApiJudge0Get()
  get(
    @Param('token') token: string,
    @Query('base64_encoded') base64: QueryValue,
    @Query('fields') fields: QueryValue,
    @CurrentCaller() caller: Caller,
  ): Promise<Body> {
    return this.submissions.get(token, { base64_encoded: base64, fields }, caller);
  }

  @Delete(':token')
  @ApiJudge0Delete()
  remove(@Param('token') token: string, @Query('fields') fields: QueryValue, @CurrentCaller() caller: Caller): Promise<Body> {
    return this.submissions.remove(token, { fields }, caller);
  }
}
