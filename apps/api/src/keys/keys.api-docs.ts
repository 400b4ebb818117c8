import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ADMIN_ONLY, ApiAdminOnly, ApiJsonBodyErrors, ApiKeyed, ApiNotFound } from '../openapi/common-responses';
import { CreateKeyDto, UpdateKeyDto } from './dto/key.dto';
import { CreatedKeyDoc, KeyListDoc, KeyViewDoc } from './dto/key-view.doc';

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
const notFound = {
  summary: 'No such key',
  value: { statusCode: 404, message: `key ${keyView.id} was not found`, error: 'Not Found' },
};
const idParam = ApiParam({ name: 'id', description: 'Key id (uuid)', example: keyView.id });

/** Every /keys route: admin keys only. */
export const KeysApi = () => applyDecorators(ApiTags('keys'), ApiKeyed(), ApiAdminOnly());

export const CreateKeyApi = () =>
  applyDecorators(
    ApiOperation({ summary: 'Create an API key; the key itself is in the answer this once', description: ADMIN_ONLY }),
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
      description: 'Created; `Location: /keys/<id>`',
      type: CreatedKeyDoc,
      headers: { Location: { description: '/keys/<id>', schema: { type: 'string' } } },
      example: { ...keyView, key: 'rq_3Jk9…(shown once)' },
    }),
    ApiJsonBodyErrors(),
  );

export const ListKeysApi = () =>
  applyDecorators(
    ApiOperation({ summary: 'All keys, revoked ones included (never the key or its hash)', description: ADMIN_ONLY }),
    ApiResponse({ status: 200, type: KeyListDoc, example: { items: [keyView] } }),
  );

export const GetKeyApi = () =>
  applyDecorators(
    ApiOperation({ summary: 'One key', description: ADMIN_ONLY }),
    idParam,
    ApiResponse({ status: 200, type: KeyViewDoc, example: keyView }),
    ApiNotFound(notFound),
  );

export const UpdateKeyApi = () =>
  applyDecorators(
    ApiOperation({ summary: 'Rename a key or change its limits (null: the server default, 0: unlimited)', description: ADMIN_ONLY }),
    idParam,
    ApiBody({
      type: UpdateKeyDto,
      examples: {
        limits: { summary: 'Raise the rate limit, reset the job cap', value: { rateLimitPerMinute: 1200, maxActiveJobs: null } },
      },
    }),
    ApiResponse({ status: 200, type: KeyViewDoc, example: { ...keyView, rateLimitPerMinute: 1200 } }),
    ApiNotFound(notFound),
    ApiJsonBodyErrors(),
  );

export const RevokeKeyApi = () =>
  applyDecorators(
    ApiOperation({ summary: 'Revoke a key (idempotent); its jobs stay', description: ADMIN_ONLY }),
    idParam,
    ApiResponse({ status: 200, type: KeyViewDoc, example: { ...keyView, revokedAt: '2026-11-21T10:00:00.000Z' } }),
    ApiNotFound(notFound),
  );
