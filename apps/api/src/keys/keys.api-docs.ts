import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorDoc } from '../jobs/dto/job-view.doc';
import { ApiJsonBody, ApiKeyed, ApiValidationError } from '../openapi/common-responses';
import { CreateKeyDto, UpdateKeyDto } from './dto/key.dto';

const keyView = {
  id: '0b0c5a54-6f0e-4b8e-9d43-3f1a2c7e9b10',
  name: 'ci',
  role: 'user',
  prefix: 'rq_3Jk9',
  rateLimitPerMinute: null,
  maxActiveJobs: 20,
  effectiveLimits: { rateLimitPerMinute: 600, maxActiveJobs: 20 },
  createdAt: '2026-11-21T09:30:00.000Z',
  revokedAt: null,
};
const forbidden = {
  summary: 'A user key',
  value: { statusCode: 403, message: 'this endpoint needs an admin key', error: 'Forbidden' },
};
const notFound = { summary: 'No such key', value: { statusCode: 404, message: 'key not found', error: 'Not Found' } };
const idParam = ApiParam({ name: 'id', description: 'Key id (uuid)', example: keyView.id });

/** Every /keys route: admin keys only. */
export const KeysApi = () =>
  applyDecorators(ApiTags('keys'), ApiKeyed(), ApiResponse({ status: 403, type: ErrorDoc, examples: { forbidden } }));

export const CreateKeyApi = () =>
  applyDecorators(
    ApiOperation({ summary: 'Create an API key; the key itself is in the answer this once' }),
    ApiBody({
      type: CreateKeyDto,
      examples: {
        user: { summary: 'A user key with the server defaults', value: { name: 'ci' } },
        limited: {
          summary: 'A user key with its own limits',
          value: { name: 'grader', role: 'user', rateLimitPerMinute: 120, maxActiveJobs: 10 },
        },
      },
    }),
    ApiResponse({
      status: 201,
      description: 'Created',
      content: { 'application/json': { example: { ...keyView, key: 'rq_3Jk9…(shown once)' } } },
    }),
    ApiValidationError(),
    ApiJsonBody(),
  );

export const ListKeysApi = () =>
  applyDecorators(
    ApiOperation({ summary: 'All keys, revoked ones included (never the key or its hash)' }),
    ApiResponse({ status: 200, content: { 'application/json': { example: { items: [keyView] } } } }),
  );

export const GetKeyApi = () =>
  applyDecorators(
    ApiOperation({ summary: 'One key' }),
    idParam,
    ApiResponse({ status: 200, content: { 'application/json': { example: keyView } } }),
    ApiResponse({ status: 404, type: ErrorDoc, examples: { notFound } }),
  );

export const UpdateKeyApi = () =>
  applyDecorators(
    ApiOperation({ summary: 'Rename a key or change its limits (null: the server default, 0: unlimited)' }),
    idParam,
    ApiBody({
      type: UpdateKeyDto,
      examples: {
        limits: { summary: 'Raise the rate limit, reset the job cap', value: { rateLimitPerMinute: 1200, maxActiveJobs: null } },
      },
    }),
    ApiResponse({ status: 200, content: { 'application/json': { example: { ...keyView, rateLimitPerMinute: 1200 } } } }),
    ApiResponse({ status: 404, type: ErrorDoc, examples: { notFound } }),
    ApiValidationError(),
    ApiJsonBody(),
  );

export const RevokeKeyApi = () =>
  applyDecorators(
    ApiOperation({ summary: 'Revoke a key (idempotent); its jobs stay' }),
    idParam,
    ApiResponse({ status: 200, content: { 'application/json': { example: { ...keyView, revokedAt: '2026-11-21T10:00:00.000Z' } } } }),
    ApiResponse({ status: 404, type: ErrorDoc, examples: { notFound } }),
  );
