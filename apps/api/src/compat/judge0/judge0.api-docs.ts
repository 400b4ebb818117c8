import { applyDecorators } from '@nestjs/common';
import { ALL_FIELDS, DEFAULT_FIELDS } from '#jobs';
import { ApiBody, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, type ApiResponseSchemaHost } from '@nestjs/swagger';
import { ApiKeySecurity } from '../../openapi/common-responses';

const TOKEN = '2e5b1a60-5f0c-4c7e-9a57-8c1b0d0f9e21';
const error = (message: string) => ({ type: 'object', properties: { error: { type: 'string' } }, example: { error: message } });
const validation = {
  type: 'object',
  additionalProperties: { type: 'array', items: { type: 'string' } },
  example: { language_id: ["language with id 150000 doesn't exist"] },
};
const submission = {
  type: 'object',
  description: `A submission: the fields asked for (default ${DEFAULT_FIELDS.join(', ')}; \`*\` for all 35)`,
  properties: Object.fromEntries(ALL_FIELDS.map((field) => [field, {}])),
  additionalProperties: false,
  example: {
    token: TOKEN,
    time: '0.012',
    memory: 8204,
    stdout: 'aGVsbG8K',
    stderr: null,
    compile_output: null,
    message: null,
    status: { id: 3, description: 'Accepted' },
  },
};
const createBody = {
  type: 'object',
  required: ['source_code', 'language_id'],
  properties: {
    ...Object.fromEntries(ALL_FIELDS.filter((f) => !['token', 'status', 'language', 'status_id'].includes(f)).map((f) => [f, {}])),
    number_of_runs: {
      type: 'integer',
      minimum: 1,
      description:
        'Runs of the program (at most `max_number_of_runs` of /config_info, else 422), stopping at the first that is not Accepted; `time`, `wall_time` and `memory` are the means over the runs made, the rest is the last run',
    },
    redirect_stderr_to_stdout: {
      type: 'boolean',
      description: '`true`: stderr is shown in `stdout`, in the order the bytes arrived (as `2>&1`), and `stderr` is null',
    },
  },
};
const createExample = { source_code: 'print("hello")', language_id: 71, stdin: null };

/** A success answer, its schema's example shown as the response's example. */
const success = (options: { status: number; description: string; schema: ApiResponseSchemaHost['schema'] & { example?: unknown } }) =>
  ApiResponse({ ...options, examples: { example: { summary: options.description, value: options.schema.example } } });

const base64Query = ApiQuery({
  name: 'base64_encoded',
  required: false,
  description: '`true`: source_code, stdin, expected_output in and every text field out are base64',
});
const fieldsQuery = ApiQuery({ name: 'fields', required: false, description: 'Comma list of fields, or `*` for all 35' });

/**
 * What every Judge0 route may answer besides its own result: 401 with an empty body without a valid
 * key (X-Auth-Token header or query parameter, X-API-Key, Bearer); 429 and 503 as `{"error"}`.
 */
const judge0Keyed = (poll = false) =>
  applyDecorators(
    ApiKeySecurity(),
    ApiResponse({ status: 401, description: 'No valid key (X-Auth-Token, X-API-Key or Bearer): an empty body, as Judge0' }),
    ...(poll
      ? []
      : [
          ApiResponse({
            status: 429,
            description: "The key's requests per minute are spent",
            headers: { 'Retry-After': { schema: { type: 'integer' } } },
            schema: error('rate limit exceeded'),
          }),
        ]),
    ApiResponse({
      status: 503,
      description: 'The queue is full, or a backing service cannot be reached',
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
      schema: error('queue is full'),
    }),
  );

/** Body-parser refusals arrive before the route, in runq's own error format. */
const bodyErrors = () =>
  applyDecorators(
    ApiResponse({
      status: 400,
      description: 'Invalid `fields`, a batch size out of bounds, or a body that is not JSON',
      schema: error('invalid fields: [foo]'),
    }),
    ApiResponse({ status: 413, description: 'The body is larger than RUNQ_MAX_BODY_BYTES (runq error format)' }),
  );

export const ApiJudge0Create = () =>
  applyDecorators(
    ApiOperation({ summary: 'Judge0: create a submission (`{token}`; with wait=true, the finished submission)' }),
    base64Query,
    ApiQuery({
      name: 'wait',
      required: false,
      description: '`true`: answer when the run (all its number_of_runs) is finished, bounded by RUNQ_MAX_WAIT_MS (then status 1 or 2)',
    }),
    fieldsQuery,
    ApiBody({ schema: createBody, examples: { python: { summary: 'Python hello', value: createExample } } }),
    success({
      status: 201,
      description: '`{token}`, or the fields asked for with wait=true',
      schema: { ...submission, example: { token: TOKEN } },
    }),
    ApiResponse({ status: 422, description: "Judge0's validation errors by attribute", schema: validation }),
    bodyErrors(),
    judge0Keyed(),
  );

export const ApiJudge0Get = () =>
  applyDecorators(
    ApiOperation({ summary: 'Judge0: one submission (not charged to the rate limit: clients poll it)' }),
    ApiParam({ name: 'token', description: 'The token (a runq job id)', example: TOKEN }),
    base64Query,
    fieldsQuery,
    success({ status: 200, description: 'The fields asked for', schema: submission }),
    ApiResponse({
      status: 400,
      description: 'Invalid `fields`, or text that is not UTF-8 without base64_encoded',
      schema: error('invalid fields: [foo]'),
    }),
    ApiResponse({ status: 404, description: 'Unknown token, or another key’s: an empty body' }),
    judge0Keyed(true),
  );

export const ApiJudge0List = () =>
  applyDecorators(
    ApiOperation({ summary: "Judge0: the key's submissions, newest first (an admin key: all)" }),
    ApiQuery({ name: 'page', required: false }),
    ApiQuery({ name: 'per_page', required: false }),
    base64Query,
    fieldsQuery,
    success({
      status: 200,
      description: '`{submissions, meta}`',
      schema: {
        type: 'object',
        properties: { submissions: { type: 'array', items: submission }, meta: { type: 'object' } },
        example: {
          submissions: [submission.example],
          meta: { current_page: 1, next_page: null, prev_page: null, total_pages: 1, total_count: 1 },
        },
      },
    }),
    ApiResponse({ status: 400, description: '`page` below 1, `per_page` below 0, or invalid `fields`', schema: error('invalid page: 0') }),
    judge0Keyed(),
  );

export const ApiJudge0Delete = () =>
  applyDecorators(
    ApiOperation({ summary: 'Judge0: delete a finished submission, answering its fields (base64)' }),
    ApiParam({ name: 'token', description: 'The token (a runq job id)', example: TOKEN }),
    fieldsQuery,
    success({ status: 200, description: 'The deleted submission, base64', schema: submission }),
    ApiResponse({
      status: 400,
      description: 'Still queued or running, or invalid `fields`',
      schema: error('submission cannot be deleted because its status is 1 (In Queue)'),
    }),
    ApiResponse({ status: 404, description: 'Unknown token, or another key’s: an empty body' }),
    judge0Keyed(),
  );

export const ApiJudge0BatchCreate = () =>
  applyDecorators(
    ApiOperation({ summary: 'Judge0: create up to 20 submissions; each item `{token}` or its own 422 errors' }),
    base64Query,
    ApiBody({
      schema: { type: 'object', required: ['submissions'], properties: { submissions: { type: 'array', items: createBody } } },
      examples: {
        two: {
          summary: 'Two Python programs',
          value: { submissions: [createExample, { ...createExample, source_code: 'print(input())', stdin: '2' }] },
        },
      },
    }),
    success({
      status: 201,
      description: 'At least one item was created',
      schema: { type: 'array', items: { type: 'object' }, example: [{ token: TOKEN }] },
    }),
    ApiResponse({ status: 422, description: 'No item was created: each has its errors', schema: { type: 'array', items: validation } }),
    bodyErrors(),
    judge0Keyed(),
  );

export const ApiJudge0BatchGet = () =>
  applyDecorators(
    ApiOperation({ summary: 'Judge0: several submissions by token, in order, null for unknown ones (not charged to the rate limit)' }),
    ApiQuery({ name: 'tokens', required: false, description: 'Comma-separated tokens (or a `tokens` header)' }),
    base64Query,
    fieldsQuery,
    success({
      status: 200,
      description: '`{submissions}`',
      schema: { type: 'object', properties: { submissions: { type: 'array' } }, example: { submissions: [submission.example, null] } },
    }),
    ApiResponse({
      status: 400,
      description: 'No tokens, more than 20, or invalid `fields`',
      schema: error('there should be at least one submission in a batch'),
    }),
    judge0Keyed(true),
  );

/** A Judge0 informational route answering JSON. */
export const ApiJudge0Info = (summary: string, example: object) =>
  applyDecorators(
    ApiOperation({ summary: `Judge0: ${summary}` }),
    success({ status: 200, description: summary, schema: { type: Array.isArray(example) ? 'array' : 'object', example } }),
    judge0Keyed(),
  );

export const ApiJudge0Text = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary: `Judge0: ${summary}` }),
    ApiProduces('text/plain'),
    ApiResponse({ status: 200, description: summary, content: { 'text/plain': { schema: { type: 'string' }, example: '1.13.1' } } }),
    judge0Keyed(),
  );

export const ApiJudge0Language = () =>
  applyDecorators(
    ApiOperation({ summary: 'Judge0: one language `{id, name, is_archived, source_file, compile_cmd, run_cmd}`' }),
    ApiParam({ name: 'id', example: 71 }),
    success({
      status: 200,
      description: 'The language',
      schema: {
        example: {
          id: 71,
          name: 'Python (3.13.5)',
          is_archived: false,
          source_file: 'main.py',
          compile_cmd: null,
          run_cmd: 'python3 main.py',
        },
      },
    }),
    ApiResponse({ status: 404, description: 'Not a Judge0 id runq serves: an empty body' }),
    judge0Keyed(),
  );

/** A Judge0 route whose answer is its status alone (200, an empty body). */
export const ApiJudge0Status = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary: `Judge0: ${summary}` }),
    success({ status: 200, description: 'An empty body', schema: { type: 'string', example: '' } }),
    judge0Keyed(),
  );
