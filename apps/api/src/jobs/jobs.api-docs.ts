import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import { ApiKeyed, ApiValidationError } from '../openapi/common-responses';
import { batchRequestExamples, cancelledJob, errors, finishedJob, jobRequestExamples, judgedJob, queuedJob } from '../openapi/examples';
import { BatchDto } from './dto/batch.dto';
import { CreateJobDto } from './dto/create-job.dto';
import { BatchResultDoc, ErrorDoc, JobListDoc, JobViewDoc } from './dto/job-view.doc';

const location = { Location: { description: '/jobs/<id>', schema: { type: 'string' } } };
const jobBody = ApiBody({ type: CreateJobDto, examples: jobRequestExamples });
const idParam = ApiParam({ name: 'id', format: 'uuid', description: 'Job id', example: queuedJob.id });
const notFound = ApiResponse({ status: 404, type: ErrorDoc, examples: { notFound: errors.notFound } });
const finished = { finished: { summary: 'Finished', value: finishedJob }, judged: { summary: 'Judged', value: judgedJob } };

export const ApiCreateJob = () =>
  applyDecorators(
    ApiOperation({ summary: 'Create a job', description: 'Queues the job; with ?wait=true (or waitMs) waits as POST /execute does.' }),
    ApiKeyed(),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: '1–255 printable characters; a retry within 24 h returns the same job',
    }),
    jobBody,
    ApiResponse({
      status: 201,
      description: 'Queued',
      type: JobViewDoc,
      headers: location,
      examples: { queued: { summary: 'Queued', value: queuedJob } },
    }),
    ApiResponse({ status: 200, description: 'With ?wait=true: finished', type: JobViewDoc, examples: finished }),
    ApiValidationError(),
    ApiResponse({ status: 409, type: ErrorDoc, description: 'The same Idempotency-Key is still being handled' }),
    ApiResponse({ status: 422, type: ErrorDoc, description: 'The Idempotency-Key was used with another body' }),
  );

export const ApiExecute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Run a job and wait for it',
      description: '200 with the finished job, or 202 + Location when the wait runs out first.',
    }),
    ApiKeyed(),
    jobBody,
    ApiResponse({ status: 200, description: 'Finished', type: JobViewDoc, examples: finished }),
    ApiResponse({
      status: 202,
      description: 'Still running',
      type: JobViewDoc,
      headers: location,
      examples: { queued: { summary: 'Queued', value: queuedJob } },
    }),
    ApiValidationError(),
  );

export const ApiBatch = () =>
  applyDecorators(
    ApiOperation({ summary: 'Create several jobs', description: 'Each item is validated on its own: its job, or its error, in order.' }),
    ApiKeyed(),
    ApiBody({ type: BatchDto, examples: batchRequestExamples }),
    ApiResponse({
      status: 200,
      type: BatchResultDoc,
      examples: {
        mixed: {
          summary: 'One created, one refused',
          value: { items: [queuedJob, { error: { statusCode: 400, message: ['language "intercal" is not supported'] } }] },
        },
      },
    }),
    ApiValidationError(),
  );

export const ApiListJobs = () =>
  applyDecorators(
    ApiOperation({ summary: 'List jobs', description: 'Newest first, paged by cursor; or, with ?ids=, those jobs in that order.' }),
    ApiKeyed(),
    ApiResponse({
      status: 200,
      type: JobListDoc,
      examples: {
        page: { summary: 'A page', value: { items: [finishedJob], nextCursor: null } },
        ids: { summary: 'By ids', value: { items: [finishedJob, null] } },
      },
    }),
    ApiValidationError(),
  );

export const ApiGetJob = () =>
  applyDecorators(
    ApiOperation({ summary: 'Get a job' }),
    ApiKeyed(),
    idParam,
    ApiResponse({ status: 200, type: JobViewDoc, examples: { ...finished, queued: { summary: 'Queued', value: queuedJob } } }),
    notFound,
  );

export const ApiCancelJob = () =>
  applyDecorators(
    ApiOperation({ summary: 'Cancel a job', description: 'A queued job never runs; a running one has its container killed.' }),
    ApiKeyed(),
    idParam,
    ApiResponse({ status: 200, type: JobViewDoc, examples: { cancelled: { summary: 'Cancelled', value: cancelledJob } } }),
    ApiResponse({ status: 409, type: ErrorDoc, description: 'The job has already finished' }),
    notFound,
  );
