import { applyDecorators } from '@nestjs/common';
import { ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { ErrorDoc } from '../jobs/dto/job-view.doc';
import { errors } from './examples';

export const API_KEY_SCHEME = 'apiKey';
export const BEARER_SCHEME = 'bearer';
export const METRICS_TOKEN_SCHEME = 'metricsToken';

/** What every keyed route may answer besides its own results: 401 without a valid key, 503 when a backing service is down. */
export const ApiKeyed = () =>
  applyDecorators(
    ApiSecurity(API_KEY_SCHEME),
    ApiSecurity(BEARER_SCHEME),
    ApiResponse({ status: 401, type: ErrorDoc, examples: { unauthorized: errors.unauthorized } }),
    ApiResponse({ status: 503, type: ErrorDoc, examples: { unavailable: errors.unavailable } }),
  );

export const ApiValidationError = (description = 'A field is malformed, too large or not allowed; `message` names it') =>
  ApiResponse({ status: 400, description, type: ErrorDoc, examples: { validation: errors.validation } });

/** What a route that takes a JSON body may answer about the body itself (see README, "Request bodies"). */
export const ApiJsonBody = () =>
  applyDecorators(
    ApiResponse({
      status: 413,
      description: 'The body is larger than RUNQ_MAX_BODY_BYTES',
      type: ErrorDoc,
      examples: { tooLarge: errors.tooLarge },
    }),
    ApiResponse({
      status: 415,
      description: 'The body is not `application/json` in UTF-8',
      type: ErrorDoc,
      examples: { notJson: errors.notJson },
    }),
  );
