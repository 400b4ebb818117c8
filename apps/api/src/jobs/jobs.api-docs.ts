import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import { ApiJsonBodyErrors, ApiKeyed, ApiNotFound, ApiValidationError } from '../openapi/common-responses';
import {
  batchRequestExamples,
  cancelledJob,
  errors,
  failedFunctionJob,
  finishedJob,
  functionJob,
  jobRequestExamples,
  judgedJob,
  queuedJob,
} from '../openapi/examples';
import { BatchDto } from './dto/batch.dto';
import { CreateJobDto } from './dto/create-job.dto';
import { BatchResultDoc, ErrorDoc, JobListDoc, JobViewDoc } from './dto/job-view.doc';

const location = { Location: { description: '/jobs/<id>', schema: { type: 'string' } } };
const jobBody = ApiBody({ type: CreateJobDto, examples: jobRequestExamples });
const idParam = ApiParam({ name: 'id', format: 'uuid', description: 'Job id', example: queuedJob.id });
const finished = {
  finished: { summary: 'Finished', value: finishedJob },
  judged: { summary: 'Judged', value: judgedJob },
  function: { summary: 'Function mode', value: functionJob },
  functionError: { summary: 'Function mode: the function threw', value: failedFunctionJob },
};
/** Job creation answers 429 at the key's active-jobs cap and 503 while the queue is full, besides the usual. */
const submits = () => ApiKeyed({ activeJobsCap: true, backpressure: true });
const replayed = {
  'Idempotent-Replayed': {
    description: '`true` when the answer is that of an earlier request with the same Idempotency-Key',
    schema: { type: 'string' },
  },
};
const idempotencyHeader = (description: string) => ApiHeader({ name: 'Idempotency-Key', required: false, description });
const idempotencyErrors = [
  ApiResponse({
    status: 409,
    type: ErrorDoc,
    description: 'A request with the same Idempotency-Key is still being handled, or the job it created was deleted',
  }),
  ApiResponse({ status: 422, type: ErrorDoc, description: 'The Idempotency-Key was used with another body' }),
];

export const ApiCreateJob = () =>
  applyDecorators(
    ApiOperation({ summary: 'Create a job', description: 'Queues the job; with ?wait=true (or waitMs) waits as POST /execute does.' }),
    submits(),
    idempotencyHeader(
      '1–255 printable characters; a retry with the same body within 24 h returns the same job (with ?wait=true: waits for it)',
    ),
    jobBody,
    ApiResponse({
      status: 201,
      description: 'Queued',
      type: JobViewDoc,
      headers: { ...location, ...replayed },
      examples: { queued: { summary: 'Queued', value: queuedJob } },
    }),
    ApiResponse({ status: 200, description: 'With ?wait=true: finished', type: JobViewDoc, headers: replayed, examples: finished }),
    ApiResponse({
      status: 202,
      description: 'With ?wait=true: still running when the wait ran out',
      type: JobViewDoc,
      headers: { ...location, ...replayed },
      examples: { queued: { summary: 'Queued', value: queuedJob } },
    }),
    ApiJsonBodyErrors(),
    ...idempotencyErrors,
  );

export const ApiExecute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Run a job and wait for it',
      description: '200 with the finished job, or 202 + Location when the wait runs out first.',
    }),
    submits(),
    idempotencyHeader(
      '1–255 printable characters; a retry with the same body within 24 h waits for the job the first request created, with the same 200/202 rules',
    ),
    jobBody,
    ApiResponse({ status: 200, description: 'Finished', type: JobViewDoc, headers: replayed, examples: finished }),
    ApiResponse({
      status: 202,
      description: 'Still running',
      type: JobViewDoc,
      headers: { ...location, ...replayed },
      examples: { queued: { summary: 'Queued', value: queuedJob } },
    }),
    ApiJsonBodyErrors(),
    ...idempotencyErrors,
  );

export const ApiBatch = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Create several jobs',
      description:
        "Each item is validated on its own: its job, or its error, in order. An item past the key's active-jobs cap carries a 429 error; " +
        'a full queue refuses the whole batch (503) before any item is created.',
    }),
    ApiKeyed({ backpressure: true }),
    idempotencyHeader(
      '1–255 printable characters, for the whole batch: a retry with the same body within 24 h returns the same items (jobs as they are now, refused items with their errors); a batch stopped half-way by a 503 is continued from where it stopped',
    ),
    ApiBody({ type: BatchDto, examples: batchRequestExamples }),
    ApiResponse({
      status: 200,
      type: BatchResultDoc,
      headers: replayed,
      examples: {
        mixed: {
          summary: 'One created, one refused',
          value: {
            items: [
              queuedJob,
              { error: { statusCode: 400, message: 'language "intercal" is not supported; valid ids: bash, c, …', error: 'Bad Request' } },
            ],
          },
        },
      },
    }),
    ApiJsonBodyErrors(),
    ...idempotencyErrors,
  );

export const ApiListJobs = () =>
  applyDecorators(
    ApiOperation({
      summary: 'List jobs',
      description:
        'Newest first, paged by cursor; filters (status, outcome, language, createdAfter ≤ createdAt < createdBefore) combine with AND, and a cursor continues only a listing with the same filters. With ?ids=, those jobs in that order.',
    }),
    ApiKeyed(),
    ApiResponse({
      status: 200,
      type: JobListDoc,
      examples: {
        page: { summary: 'A page', value: { items: [finishedJob], nextCursor: null } },
        ids: { summary: 'By ids', value: { items: [finishedJob, null] } },
      },
    }),
    ApiValidationError(
      'A filter is malformed (`message` names it), createdAfter is later than createdBefore, or the cursor is not one of this listing',
    ),
  );

export const ApiGetJob = () =>
  applyDecorators(
    ApiOperation({ summary: 'Get a job' }),
    ApiKeyed(),
    idParam,
    ApiResponse({ status: 200, type: JobViewDoc, examples: { ...finished, queued: { summary: 'Queued', value: queuedJob } } }),
    ApiValidationError('A query parameter is malformed; `message` names it'),
    ApiNotFound(),
  );

export const ApiCancelJob = () =>
  applyDecorators(
    ApiOperation({ summary: 'Cancel a job', description: 'A queued job never runs; a running one has its container killed.' }),
    ApiKeyed(),
    idParam,
    ApiResponse({ status: 200, type: JobViewDoc, examples: { cancelled: { summary: 'Cancelled', value: cancelledJob } } }),
    ApiResponse({ status: 409, type: ErrorDoc, description: 'The job has already finished' }),
    ApiNotFound(),
  );

export const ApiDeleteJob = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Delete a job',
      description:
        'Deletes a finished job with its sources and results. A queued or running job is refused with 409 unless ?force=true, which cancels it first.',
    }),
    ApiKeyed(),
    idParam,
    ApiResponse({ status: 204, description: 'Deleted' }),
    ApiValidationError(),
    ApiResponse({
      status: 409,
      type: ErrorDoc,
      description: 'The job is queued or running (cancel it first, or pass force=true)',
      examples: { active: errors.activeJob },
    }),
    ApiNotFound(),
  );
