import { Inject, Injectable } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { FINAL_STATUSES, type JobStatus } from '#contracts';
import { classifyJob, renderSubmission, type Job, type SubmissionField } from '#jobs';
import type { Caller } from '../../auth/caller';
import { isPlainObject } from '../../common/body-validation';
import { JobQueryService } from '../../jobs/job-query.service';
import { JobSubmissionService } from '../../jobs/job-submission.service';
import { Judge0Catalog } from './judge0-catalog.service';
import { Judge0Error } from './judge0-error';
import { judge0Attribute } from './judge0-error.mapper';
import { parseFields } from './judge0-fields';
import { judge0Limits } from './judge0-limits';
import { mapJudge0Request, type MappedRequest } from './judge0-request.mapper';
import { Judge0SubmissionsRepository } from './judge0-submissions.repository';

export interface Judge0Query {
  base64_encoded?: unknown;
  wait?: unknown;
  fields?: unknown;
  page?: unknown;
  per_page?: unknown;
  tokens?: unknown;
}

type Body = Record<string, unknown>;

const UTF8_ONE = 'some attributes for this submission cannot be converted to UTF-8, use base64_encoded=true query parameter';
const UTF8_MANY = 'some attributes for one or more submissions cannot be converted to UTF-8, use base64_encoded=true query parameter';

/** Judge0's submissions over runq's one job path: every submission is an ordinary runq job, its token the job id. */
@Injectable()
export class Judge0SubmissionsService {
  constructor(
    private readonly submissions: JobSubmissionService,
    private readonly queries: JobQueryService,
    private readonly pages: Judge0SubmissionsRepository,
    private readonly catalog: Judge0Catalog,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  /** `{token}`; with wait=true, the finished submission's fields (or Judge0's UTF-8 error beside the token). */
  async create(body: unknown, query: Judge0Query, caller: Caller): Promise<Body> {
    const wait = query.wait === 'true';
    const fields = wait ? parseFields(query.fields) : null;
    const mapped = this.map(body, query);
    if (!mapped.ok) throw Judge0Error.unprocessable(mapped.errors);
    if (!fields) return { token: (await this.submissions.create(mapped.dto, caller, mapped.extras)).id };
    const { job } = await this.submissions.createAndWait(mapped.dto, caller, this.config.wait.maxMs, null, mapped.extras);
    const view = this.render(job, fields, query);
    return view ?? { token: job.id, error: UTF8_ONE };
  }

  async get(token: string, query: Judge0Query, caller: Caller): Promise<Body> {
    const fields = parseFields(query.fields);
    const view = this.render(await this.queries.get(token, caller), fields, query);
    if (!view) throw Judge0Error.badRequest(UTF8_ONE);
    return view;
  }

  /** The caller's submissions (an admin's: everyone's), newest first, with Judge0's `meta`. */
  async list(query: Judge0Query, caller: Caller): Promise<Body> {
    const page = pageNumber(query.page, 1);
    const perPage = pageNumber(query.per_page, 20);
    if (page <= 0) throw Judge0Error.badRequest(`invalid page: ${page}`);
    if (perPage < 0) throw Judge0Error.badRequest(`invalid per_page: ${perPage}`);
    const fields = parseFields(query.fields);
    const { jobs, total } = await this.pages.page(caller.role === 'admin' ? undefined : caller.keyId, page, perPage);
    const submissions = jobs.map((job) => this.render(job, fields, query));
    if (submissions.includes(null)) throw Judge0Error.badRequest(UTF8_MANY);
    const totalPages = perPage ? Math.ceil(total / perPage) : 0;
    return {
      submissions,
      meta: {
        current_page: page,
        next_page: page < totalPages ? page + 1 : null,
        prev_page: page > 1 ? page - 1 : null,
        total_pages: totalPages,
        total_count: total,
      },
    };
  }

  /** Deletes a finished submission, answering its fields in base64; a queued or running one is Judge0's 400. */
  async remove(token: string, query: Judge0Query, caller: Caller): Promise<Body> {
    const fields = parseFields(query.fields);
    const job = await this.queries.get(token, caller);
    if (!FINAL_STATUSES.includes(job.status as JobStatus)) {
      const status = classifyJob(job);
      throw Judge0Error.badRequest(`submission cannot be deleted because its status is ${status.id} (${status.description})`);
    }
    const view = this.render(job, fields, { base64_encoded: 'true' })!;
    await this.submissions.remove(job.id, caller);
    return view;
  }

  /** Each item created or its own 422 errors, in order; 201 when any was created. */
  async createBatch(body: unknown, query: Judge0Query, caller: Caller): Promise<{ status: number; items: Body[] }> {
    const items = isPlainObject(body) && Array.isArray(body.submissions) ? body.submissions : [];
    this.checkBatchSize(items.length);
    const mapped = items.map((item) => this.map(item, query));
    const valid = mapped.flatMap((m) => (m.ok ? [m] : []));
    const created = valid.length
      ? await this.submissions.createBatch(
          valid.map((m) => m.dto),
          caller,
          [],
          valid.map((m) => m.extras),
        )
      : [];
    let next = 0;
    const results = mapped.map((m): Body => {
      if (!m.ok) return m.errors;
      const outcome = created[next++]!;
      return 'job' in outcome ? { token: outcome.job.id } : { [judge0Attribute(outcome.error.field)]: [outcome.error.message] };
    });
    return { status: results.some((r) => 'token' in r) ? 201 : 422, items: results };
  }

  /** The submissions for these tokens, in order, null for a token the caller has no submission for. */
  async getBatch(tokens: string | undefined, query: Judge0Query, caller: Caller): Promise<Body> {
    const list = tokens ? tokens.split(',').filter((t) => t !== '') : [];
    this.checkBatchSize(list.length);
    const fields = parseFields(query.fields);
    const jobs = await this.queries.getMany(list, caller);
    const submissions = jobs.map((job) => (job ? this.render(job, fields, query) : null));
    if (submissions.some((view, i) => view === null && jobs[i] !== null)) throw Judge0Error.badRequest(UTF8_MANY);
    return { submissions };
  }

  private checkBatchSize(size: number): void {
    const max = judge0Limits(this.config).maxBatch;
    if (size === 0) throw Judge0Error.badRequest('there should be at least one submission in a batch');
    if (size > max) throw Judge0Error.badRequest(`number of submissions in a batch should be less than or equal to ${max}`);
  }

  private map(body: unknown, query: Judge0Query): MappedRequest {
    return mapJudge0Request(body, {
      base64: query.base64_encoded === 'true',
      limits: judge0Limits(this.config),
      language: (id) => this.catalog.facts(id),
    });
  }

  private render(job: Job, fields: readonly SubmissionField[], query: Judge0Query): Body | null {
    const view = renderSubmission(job, { fields, base64: query.base64_encoded === 'true', language: (id) => this.catalog.ref(id) });
    return view.ok ? view.body : null;
  }
}

/** A page query parameter as Rails' to_i would read it. */
function pageNumber(value: unknown, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number.parseInt(String(value), 10);
  return Number.isNaN(n) ? 0 : n;
}
