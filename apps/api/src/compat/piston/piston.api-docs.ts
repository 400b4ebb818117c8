import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeySecurity } from '../../openapi/common-responses';
import { PistonErrorDoc, PistonExecuteDoc, PistonExecuteResultDoc, PistonPackageDoc, PistonRuntimeDoc } from './piston.doc';

export const PISTON_TAG = 'Piston compatible';

const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } };

const error = (status: number, description: string, message: string) =>
  ApiResponse({
    status,
    description,
    type: PistonErrorDoc,
    ...(status === 429 || status === 503 ? { headers: retryAfter } : {}),
    examples: { error: { summary: description, value: { message } } },
  });

/** The surface: its tag, its key carriers (Basic is what piston-client sends from URL userinfo) and errors every route may answer. */
export const ApiPiston = () =>
  applyDecorators(
    ApiTags(PISTON_TAG),
    ApiKeySecurity(),
    error(401, 'No API key (and no anonymous key configured), or an unknown one', 'the API key is not valid'),
    error(
      429,
      "The key's requests per minute are spent, or its active jobs are at its cap",
      'rate limit of 600 requests per minute exceeded',
    ),
    error(503, 'The queue is full or a backing service is down; Retry-After says when to retry', 'the queue is full; retry later'),
  );

const hello = { language: 'python', version: '3.13.5', aliases: ['py', 'py3', 'python3'] };
const stage = (stdout: string) => ({
  stdout,
  stderr: '',
  output: stdout,
  code: 0,
  signal: null,
  message: null,
  status: null,
  cpu_time: 12,
  wall_time: 31,
  memory: 9420800,
});

export const ApiPistonRuntimes = () =>
  applyDecorators(
    ApiOperation({ summary: 'Piston: installed runtimes', description: "runq's installed languages under Piston's names and aliases" }),
    ApiResponse({ status: 200, type: [PistonRuntimeDoc], examples: { runtimes: { summary: 'Runtimes', value: [hello] } } }),
  );

export const ApiPistonPackages = () =>
  applyDecorators(
    ApiOperation({ summary: 'Piston: packages', description: 'Every installed runtime as an installed package' }),
    ApiResponse({
      status: 200,
      type: [PistonPackageDoc],
      examples: { packages: { summary: 'Packages', value: [{ language: 'python', language_version: '3.13.5', installed: true }] } },
    }),
  );

export const ApiPistonExecute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Piston: run code',
      description: 'Runs as an ordinary runq job and waits for it. The body is JSON whatever its Content-Type.',
    }),
    ApiBody({
      type: PistonExecuteDoc,
      examples: {
        hello: { summary: 'Python', value: { language: 'python', version: '*', files: [{ content: 'print(input())' }], stdin: 'hi' } },
      },
    }),
    ApiResponse({
      status: 200,
      type: PistonExecuteResultDoc,
      examples: { ran: { summary: 'Ran', value: { language: 'python', version: '3.13.5', run: stage('hi\n') } } },
    }),
    error(
      400,
      "A field is missing or wrong, the runtime is unknown (Piston's messages), or the body is not JSON",
      'python-9.x runtime is unknown',
    ),
    error(413, 'The body is larger than RUNQ_MAX_BODY_BYTES', 'request entity too large'),
  );
