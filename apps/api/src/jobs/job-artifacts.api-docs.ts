import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse } from '@nestjs/swagger';
import { ApiKeyed, ApiNotFound, ApiValidationError } from '../openapi/common-responses';
import { queuedJob } from '../openapi/examples';

const headers = {
  'Content-Disposition': { description: 'attachment; filename="<base name>"', schema: { type: 'string' } },
  'X-Content-Type-Options': { description: 'nosniff', schema: { type: 'string' } },
  'X-Artifact-Size': { description: "The file's full size in bytes", schema: { type: 'string' } },
  'X-Artifact-Truncated': { description: '`true` when a cap cut the file: the body is only its start', schema: { type: 'string' } },
};

export const ApiGetArtifact = () =>
  applyDecorators(
    ApiOperation({
      summary: "Download one of a job's artifacts",
      description: 'The bytes as collected, with the content type read from them. Same key rules as GET /jobs/{id}.',
    }),
    ApiKeyed(),
    ApiParam({ name: 'id', format: 'uuid', description: 'Job id', example: queuedJob.id }),
    ApiParam({ name: 'name', description: 'The artifact\'s name as listed on the job, "/" encoded as %2F', example: 'out%2Fplot.png' }),
    ApiResponse({
      status: 200,
      description: 'The artifact',
      headers,
      content: { '*/*': { schema: { type: 'string', format: 'binary' }, example: 'x,y\n1,2\n' } },
    }),
    ApiValidationError('`test` is not a number or not a test case of the job'),
    ApiNotFound({
      summary: 'Unknown job or artifact',
      value: { statusCode: 404, message: 'artifact "plot.png" of job … was not found', error: 'Not Found' },
    }),
  );
