import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { API_KEY_SCHEME, BASIC_SCHEME, BEARER_SCHEME, METRICS_TOKEN_SCHEME } from './common-responses';

export const DOCS_PATH = 'docs';
export const OPENAPI_JSON_PATH = `${DOCS_PATH}/openapi.json`;

/** The OpenAPI 3 document, generated from the controllers and DTOs (their @Api* decorators). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('runq')
    .setDescription(
      'Send code over HTTP, get its output back. Every route needs an API key, in `X-API-Key: <key>` or ' +
        '`Authorization: Bearer <key>`, except `GET /health`, `GET /health/ready`, `GET /metrics` (a bearer ' +
        "`RUNQ_METRICS_TOKEN` when the server sets one), this document (`/docs`, `/docs/openapi.json`) and the web UI's " +
        'pages, which are not described here. Public operations list no security requirement (/metrics: an empty alternative). ' +
        'Each key has a request rate: keyed answers carry `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` ' +
        'and `RateLimit-Policy`, and past the rate the answer is 429 with `Retry-After`. ' +
        'Errors are JSON `{statusCode, message, error}`; `message` names the field (a list when several are wrong). ' +
        'Responses carry `X-Request-Id` (yours when you send a valid one), which the server logs on every line about the request.',
    )
    .setVersion(process.env.npm_package_version ?? '0.1.0')
    .addTag('jobs', 'Submit code, wait for or poll its result, cancel it')
    .addTag('languages', 'What can run, with which versions and limits')
    .addTag('keys', 'API key administration: admin keys only')
    .addTag('webhooks', 'Signing secret for job callbacks')
    .addTag('operations', 'Health, readiness and metrics')
    .addTag('original shapes', 'The request shapes of the services runq replaces (errors as `{"error": "…"}`)')
    .addTag(
      'Judge0 compatible',
      'Judge0 CE 1.13.1 at /judge0, for unchanged Judge0 clients: its fields, units and error format (`{"error"}`, ' +
        '422 `{"attr": ["message"]}`, 401 and 404 without a body); the key also as `X-Auth-Token` (header or query)',
    )
    .addTag('Piston compatible', 'Piston v2 at /piston (piston-client): errors are `{message}`, bodies JSON whatever their Content-Type')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (`rq_…`, from POST /keys or `npm run keys`)' },
      API_KEY_SCHEME,
    )
    // Not addBearerAuth: it would claim `bearerFormat: JWT`, and both tokens are opaque.
    .addSecurity(BEARER_SCHEME, { type: 'http', scheme: 'bearer', description: 'The same API key, as `Authorization: Bearer <key>`' })
    .addSecurity(BASIC_SCHEME, {
      type: 'http',
      scheme: 'basic',
      description: 'The same API key as the password (any user name), or as the user name with an empty password',
    })
    .addSecurity(METRICS_TOKEN_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      description: 'RUNQ_METRICS_TOKEN, for GET /metrics only, when the server sets one (not an API key)',
    })
    .addGlobalParameters({
      name: 'X-Request-Id',
      in: 'header',
      required: false,
      description: '1–128 characters of `A-Z a-z 0-9 . _ : @ / + = -`; echoed back, otherwise one is generated',
      schema: { type: 'string', maxLength: 128 },
    })
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /docs (assets from swagger-ui-dist, served by this process) and the document at /docs/openapi.json. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'runq API',
    swaggerOptions: { persistAuthorization: false, displayRequestDuration: true },
  });
  return document;
}
