import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiResponse } from '@nestjs/swagger';
import { ApiKeySecurity } from '../../openapi/common-responses';
import { ANY_JSON } from '../../openapi/any-json';
import { ApiExecuteDto, RunProgramDto, ScriptCallDto } from './original-requests.dto';
import {
  apiExecuteExamples,
  consoleAnswers,
  languagesExample,
  programAnswer,
  runAnswerExample,
  runExamples,
  scriptCallAnswers,
  scriptCallExamples,
  systemExample,
} from './original-shapes.examples';

export const ORIGINAL_SHAPES_TAG = 'original shapes';

/** Every error of these routes: one message naming the field. */
export class OriginalErrorDoc {
  @ApiProperty({ example: 'timeout must not be greater than 300000 (milliseconds)', description: 'Names the field' }) error!: string;
}
const error = (message: string) => ({ error: message });
const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } };
const LOG = {
  type: 'object',
  properties: { ts: { type: 'integer', description: 'Epoch milliseconds' }, level: { type: 'string' }, message: { type: 'string' } },
};
const CONSOLE_LOG = {
  type: 'object',
  properties: {
    type: { type: 'string', description: 'The console method' },
    timestamp: { type: 'string', format: 'date-time' },
    data: { type: 'array', items: {}, description: 'The logged arguments as JSON values' },
  },
};
const PROGRAM_ANSWER = {
  type: 'object',
  properties: {
    success: { type: 'boolean' },
    language: { type: 'string' },
    output: { type: 'string', description: 'stdout' },
    error: { type: 'string', description: 'stderr' },
    exitCode: { type: 'integer', nullable: true },
    executionTime: { type: 'number', description: "Milliseconds (the run stage's wall time)" },
    timestamp: { type: 'string', format: 'date-time' },
  },
};
const CONSOLE_ANSWER = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['success', 'error'] },
    result: ANY_JSON,
    error: { oneOf: [{ type: 'boolean', enum: [false] }, { type: 'object' }] },
    log: { type: 'array', items: CONSOLE_LOG },
    executionTime: { type: 'number', description: "Milliseconds (the run stage's wall time)" },
  },
};

/** Keyed like the native API, every error as `{"error": "…"}`. */
const keyed = (runs: boolean) =>
  applyDecorators(
    ApiKeySecurity(),
    ApiResponse({
      status: 401,
      description: 'No API key, or an unknown or revoked one',
      type: OriginalErrorDoc,
      example: error('an API key is required: send it in the X-API-Key header'),
    }),
    ApiResponse({
      status: 429,
      description: runs
        ? "The key's requests per minute, or its jobs running at once, are spent"
        : "The key's requests per minute are spent",
      type: OriginalErrorDoc,
      headers: retryAfter,
      example: error('rate limit exceeded: 60 requests per minute'),
    }),
    ApiResponse({
      status: 503,
      description: runs ? 'The queue is full, or Postgres or Redis cannot be reached' : 'Postgres or Redis cannot be reached',
      type: OriginalErrorDoc,
      headers: retryAfter,
      example: error('a backing service is unavailable; retry shortly'),
    }),
  );

/** A route that runs a job: bad input, and a job the platform could not finish in time. */
const runs = (badInput: string) =>
  applyDecorators(
    keyed(true),
    ApiResponse({
      status: 400,
      description: 'A field is malformed or out of bounds; the message names it',
      type: OriginalErrorDoc,
      example: error(badInput),
    }),
    ApiResponse({
      status: 415,
      description: 'The body is not `application/json`',
      type: OriginalErrorDoc,
      example: error('Content-Type must be application/json'),
    }),
    ApiResponse({
      status: 413,
      description: 'The body is larger than RUNQ_MAX_BODY_BYTES',
      type: OriginalErrorDoc,
      example: error('request body must be at most 1048576 bytes'),
    }),
    ApiResponse({
      status: 500,
      description: 'The platform could not run the job (a worker failure after its retries)',
      type: OriginalErrorDoc,
      example: error('job 6f1c… could not be run: the worker failed'),
    }),
    ApiResponse({
      status: 504,
      description: 'The job did not finish within RUNQ_MAX_WAIT_MS; it goes on, and GET /jobs/{id} has its result later',
      type: OriginalErrorDoc,
      example: error('job 6f1c… is still running after 60000 ms; GET /jobs/6f1c… has its result later'),
    }),
  );

export const ApiScriptCall = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Call a function of a JavaScript script with a payload (function mode)',
      description:
        'The user\'s code failing (a throw, a syntax error, a limit) is still HTTP 200, with `{"error": …}`; a timeout is `{"error": "Execution timeout"}`.',
    }),
    ApiBody({ type: ScriptCallDto, examples: scriptCallExamples }),
    ApiOkResponse({
      schema: {
        oneOf: [
          { type: 'object', required: ['result', 'logs'], properties: { result: ANY_JSON, logs: { type: 'array', items: LOG } } },
          { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        ],
      },
      examples: scriptCallAnswers,
    }),
    runs('timeout must not be greater than 300000 (milliseconds)'),
  );

export const ApiApiExecute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Run JavaScript with its console captured, or (with `language`) a program with stdin',
      description:
        'Without `language`: JavaScript in function mode, answered as `{status, result, error, log, executionTime}`. With it: `{success, language, output, error, exitCode, executionTime, timestamp}`.',
    }),
    ApiBody({ type: ApiExecuteDto, examples: apiExecuteExamples }),
    ApiOkResponse({
      schema: { oneOf: [CONSOLE_ANSWER, PROGRAM_ANSWER] },
      examples: { ...consoleAnswers, program: { summary: 'With language', value: programAnswer } },
    }),
    runs('language "cobra" is not supported; valid ids: …'),
  );

export const ApiRunProgram = () =>
  applyDecorators(
    ApiOperation({ summary: 'Run a program with stdin: `{stdout, stderr, exitCode, output}`, `output` being stdout then stderr' }),
    ApiParam({ name: 'language', description: 'Language id or alias (GET /api/languages)', example: 'python' }),
    ApiBody({ type: RunProgramDto, examples: runExamples }),
    ApiOkResponse({
      schema: {
        type: 'object',
        properties: {
          stdout: { type: 'string' },
          stderr: { type: 'string' },
          exitCode: { type: 'integer', nullable: true },
          output: { type: 'string', description: 'stdout followed by stderr' },
        },
      },
      example: runAnswerExample,
    }),
    runs('code should not be empty'),
  );

export const ApiApiLanguages = () =>
  applyDecorators(
    ApiOperation({ summary: 'The languages: id, name, installed version, aliases' }),
    ApiOkResponse({
      schema: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            version: { type: 'string', nullable: true },
            aliases: { type: 'array', items: { type: 'string' } },
          },
        },
      },
      example: languagesExample,
    }),
    keyed(false),
  );

export const ApiApiSystem = () =>
  applyDecorators(
    ApiOperation({ summary: 'System facts for any key holder: workers, languages, limits and queue (counts only)' }),
    ApiOkResponse({ schema: { type: 'object', required: ['workers', 'languages', 'limits', 'queue'] }, example: systemExample }),
    keyed(false),
  );
