import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { presentJob, type Job } from '#jobs';
import { AppModule } from '../app.module';
import { ComparisonDto, CreateJobDto, FunctionDto, LimitsDto, NetworkDto, SourceFileDto, TestCaseDto } from '../jobs/dto/create-job.dto';
import { CreateKeyDto, UpdateKeyDto } from '../keys/dto/key.dto';
import { apiRoutes, controllersOf, type ApiRoute } from './testing/api-routes';
import { buildDocumentWithoutServices, schemaValidator } from './testing/openapi-document';

type Content = Record<string, { schema?: object; example?: unknown; examples?: Record<string, { value: unknown }> }>;
interface Response {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Content;
}
interface Operation {
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Content };
  responses: Record<string, Response>;
}
type Schema = { properties?: Record<string, Schema & { oneOf?: Schema[]; items?: Schema }>; required?: string[] };

let routes: ApiRoute[];
let documented: ApiRoute[];
let doc: OpenAPIObject;
let validator: ReturnType<typeof schemaValidator>;

beforeAll(async () => {
  const controllers = controllersOf(AppModule);
  routes = apiRoutes(controllers);
  documented = routes.filter((r) => !r.excluded);
  doc = await buildDocumentWithoutServices(controllers);
  validator = schemaValidator(doc);
});

const operation = (route: string): Operation => {
  const [method, path] = route.split(' ');
  return (doc.paths[path] as Record<string, Operation> | undefined)?.[method.toLowerCase()] as Operation;
};
const COMPAT_ROUTE = / \/judge0(\/|$)/;
const schema = (name: string) => doc.components!.schemas![name] as Schema;
const propertiesOf = (name: string) => Object.keys(schema(name).properties ?? {}).sort();
const needsKey = (op: Operation) => Boolean(op.security?.length) && !op.security!.some((r) => Object.keys(r).length === 0);
/** Fields the validation pipe accepts on a DTO (whitelisted: every other field is refused). */
const accepted = (dto: new () => object) => [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .map((m) => m.propertyName),
  ),
];

describe('OpenAPI document: routes and access', () => {
  it('documents every route of the API except the pages, and nothing else', () => {
    const inDoc = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(inDoc.sort()).toEqual(documented.map((r) => r.route).sort());
    expect(inDoc).toEqual(expect.arrayContaining(['POST /execute', 'POST /jobs', 'GET /jobs/{id}', 'GET /health', 'GET /metrics']));
  });

  it('asks for an API key exactly where the API key guard does (@Public() routes need none)', () => {
    const asDocumented = Object.fromEntries(documented.map((r) => [r.route, needsKey(operation(r.route))]));
    const inCode = Object.fromEntries(documented.map((r) => [r.route, !r.public]));
    expect(asDocumented).toEqual(inCode);
    expect(documented.filter((r) => r.public).map((r) => r.route)).toEqual(
      expect.arrayContaining(['GET /health', 'GET /health/ready', 'GET /metrics']),
    );
    for (const r of documented.filter((r) => !r.public))
      expect([r.route, operation(r.route).security]).toEqual([r.route, [{ apiKey: [] }, { bearer: [] }, { basic: [] }]]);
  });

  it('gives every keyed route 401, 429 and 503, each 429/503 with Retry-After; public routes are not rate limited', () => {
    const missing = documented.flatMap((r) => {
      const { responses } = operation(r.route);
      if (r.public) return responses['429'] ? [`${r.route}: 429 on a public route`] : [];
      if (r.poll && responses['429']) return [`${r.route}: 429 on a poll route`];
      return ['401', ...(r.poll ? [] : ['429']), '503'].flatMap((status) => {
        if (!responses[status]) return [`${r.route}: no ${status}`];
        const retry = status === '401' || responses[status].headers?.['Retry-After'];
        return retry ? [] : [`${r.route}: ${status} without Retry-After`];
      });
    });
    expect(missing).toEqual([]);
  });

  it('gives admin-only routes 403 and says so, and no other route a 403', () => {
    const admin = documented.filter((r) => r.adminOnly).map((r) => r.route);
    expect(admin).toEqual(expect.arrayContaining(['POST /keys', 'GET /keys', 'DELETE /keys/{id}']));
    const asDocumented = documented.map((r) => [
      r.route,
      Boolean(operation(r.route).responses['403']),
      /admin keys only/i.test(operation(r.route).description ?? ''),
    ]);
    expect(asDocumented).toEqual(documented.map((r) => [r.route, r.adminOnly, r.adminOnly]));
  });

  it("documents job creation's own refusals: the active-jobs cap (429) and a full queue (503)", () => {
    for (const route of ['POST /jobs', 'POST /execute']) {
      const { responses } = operation(route);
      expect(Object.keys(responses['429'].content!['application/json'].examples!)).toEqual(['rateLimited', 'activeJobs']);
      expect(Object.keys(responses['503'].content!['application/json'].examples!)).toContain('queueFull');
    }
    expect(Object.keys(operation('POST /jobs/batch').responses['503'].content!['application/json'].examples!)).toContain('queueFull');
  });

  it('gives every route that takes a JSON body 400 and 413', () => {
    const withBody = documented.filter((r) => r.hasBody);
    expect(withBody.map((r) => r.route)).toEqual(expect.arrayContaining(['POST /jobs', 'POST /execute', 'POST /jobs/batch', 'POST /keys']));
    for (const r of documented) expect([r.route, Boolean(operation(r.route).requestBody)]).toEqual([r.route, r.hasBody]);
    for (const r of withBody)
      expect([r.route, Object.keys(operation(r.route).responses)]).toEqual([r.route, expect.arrayContaining(['400', '413'])]);
  });

  it("describes every error answer as {statusCode, message, error}, message a string or a list; other APIs' surfaces in their own format", () => {
    // Each surface documents its errors in its own format.
    const errorDoc = (route: string) =>
      / \/piston\//.test(route)
        ? 'PistonErrorDoc'
        : route === 'POST /' || /^\S+ \/(api|run)\//.test(route)
          ? 'OriginalErrorDoc'
          : 'ErrorDoc';
    const errorSchemas = documented.flatMap((r) =>
      Object.entries(operation(r.route).responses)
        // Judge0's surface answers in its own clients' error formats (checked by its own spec).
        .filter(([status]) => Number(status) >= 400 && r.route !== 'GET /health/ready' && !COMPAT_ROUTE.test(r.route))
        .map(([status, res]) => [r.route, `${r.route} ${status}`, res.content?.['application/json']?.schema] as const),
    );
    expect(errorSchemas.length).toBeGreaterThan(50);
    expect(errorSchemas.filter(([route, , s]) => JSON.stringify(s) !== `{"$ref":"#/components/schemas/${errorDoc(route)}"}`)).toEqual([]);
    expect(propertiesOf('PistonErrorDoc')).toEqual(['message']);
    expect(propertiesOf('ErrorDoc')).toEqual(['error', 'message', 'statusCode']);
    expect(schema('ErrorDoc').properties!.message.oneOf).toEqual([{ type: 'string' }, { type: 'array', items: { type: 'string' } }]);
  });

  it('lists exactly the query parameters each route accepts (no `wait` on POST /execute)', () => {
    const asDocumented = documented.map((r) => [
      r.route,
      (operation(r.route).parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort(),
    ]);
    expect(asDocumented).toEqual(documented.map((r) => [r.route, [...r.query].sort()]));
    const query = (route: string) => asDocumented.find(([r]) => r === route)![1];
    expect(query('POST /execute')).toEqual(['base64', 'waitMs']);
    expect(query('POST /jobs')).toEqual(['base64', 'wait', 'waitMs']);
    expect(query('GET /jobs')).toEqual([
      'base64',
      'createdAfter',
      'createdBefore',
      'cursor',
      'ids',
      'language',
      'limit',
      'outcome',
      'status',
    ]);
    expect(query('DELETE /jobs/{id}')).toEqual(['force']);
  });

  it('describes keys as what they are: an X-API-Key header or an opaque bearer token, never a JWT', () => {
    const schemes = doc.components!.securitySchemes as unknown as Record<string, Record<string, string>>;
    expect(schemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.values(schemes).filter((s) => 'bearerFormat' in s)).toEqual([]);
  });
});

describe('OpenAPI document: request and answer fields', () => {
  it.each([
    ['CreateJobDto', CreateJobDto],
    ['FunctionDto', FunctionDto],
    ['NetworkDto', NetworkDto],
    ['LimitsDto', LimitsDto],
    ['TestCaseDto', TestCaseDto],
    ['SourceFileDto', SourceFileDto],
    ['ComparisonDto', ComparisonDto],
    ['CreateKeyDto', CreateKeyDto],
    ['UpdateKeyDto', UpdateKeyDto],
  ])('%s documents every field the API accepts', (name, dto) => {
    expect(propertiesOf(name)).toEqual(accepted(dto).sort());
  });

  it('documents function mode in the request (function, inputs, network) and in the job (result, logs, error, …)', () => {
    expect(propertiesOf('CreateJobDto')).toEqual(expect.arrayContaining(['function', 'inputs', 'network']));
    expect(propertiesOf('JobViewDoc')).toEqual(expect.arrayContaining(['function', 'network', 'result', 'logs', 'logsTruncated', 'error']));
    expect(propertiesOf('TimingsDoc')).toContain('runtime');
    expect(propertiesOf('FunctionLogDoc')).toEqual(['args', 'level', 'message', 'ts']);
    expect(propertiesOf('FunctionErrorDoc')).toEqual(['column', 'line', 'message', 'name', 'stack']);
    expect(Object.keys(operation('POST /execute').requestBody!.content['application/json'].examples!)).toEqual(
      expect.arrayContaining(['functionCall', 'functionExpression']),
    );
  });

  it('has examples that match their schemas, requests and answers alike', () => {
    const mismatches = documented.flatMap((r) => {
      const op = operation(r.route);
      const contents = [
        ['request', op.requestBody?.content] as const,
        ...Object.entries(op.responses).map(([s, res]) => [s, res.content] as const),
      ];
      return contents.flatMap(([where, content]) =>
        Object.values(content ?? {}).flatMap(({ schema: s, example, examples }) => {
          if (!s) return [];
          const values = [
            ...(example === undefined ? [] : [['example', example]]),
            ...Object.entries(examples ?? {}).map(([n, e]) => [n, e.value]),
          ];
          const validate = validator(s);
          return values.flatMap(([name, value]) =>
            validate(value) ? [] : [`${r.route} ${where} ${String(name)}: ${JSON.stringify(validate.errors)}`],
          );
        }),
      );
    });
    expect(mismatches).toEqual([]);
  });
});

describe('OpenAPI document: the job schema against the presenter', () => {
  const at = new Date('2026-11-21T08:00:00.000Z');
  const stage = {
    stdout: '',
    stderr: '',
    encoding: 'utf8' as const,
    exitCode: 0,
    signal: null,
    wallMs: 20,
    cpuMs: 10,
    memoryBytes: 4096,
    truncated: false,
  };
  const job = (over: Partial<Job> = {}): Job => ({
    id: '6b6c5831-3c2e-4f0e-9a57-0f5f0a3c2d11',
    apiKeyId: null,
    status: 'queued',
    outcome: null,
    language: 'javascript',
    version: null,
    files: [{ name: 'main.js', content: '1', encoding: 'utf8' }],
    stdin: '',
    args: [],
    compileOptions: [],
    limits: { timeoutMs: 5000, cpuTimeMs: 5000, memoryMb: 128, cpus: 0.5, processes: 64, outputBytes: 1048576 },
    encoding: 'utf8',
    expectedOutput: null,
    comparison: null,
    tests: null,
    compile: null,
    run: null,
    testResults: null,
    summary: null,
    timings: null,
    functionCall: null,
    network: null,
    functionResult: null,
    artifactPatterns: null,
    artifacts: null,
    callbackUrl: null,
    callback: null,
    message: null,
    attempts: 0,
    workerId: null,
    createdAt: at,
    startedAt: null,
    finishedAt: null,
    ...over,
  });
  const finished = { status: 'completed' as const, outcome: 'ok' as const, attempts: 1, startedAt: at, finishedAt: at, run: stage };
  const jobs: [string, Job][] = [
    ['a queued program', job()],
    [
      'a judged program',
      job({
        ...finished,
        run: null,
        testResults: [{ ...stage, index: 0, outcome: 'ok' }],
        summary: { passed: 1, total: 1, firstFailure: null, maxWallMs: 20, maxMemoryBytes: 4096 },
        comparison: { mode: 'exact' },
        timings: { sandboxMs: 30, warm: false, runtime: 'runsc' },
      }),
    ],
    ['a queued function', job({ functionCall: { name: 'run', inputs: { n: 1 } } })],
    [
      'a program with artifacts',
      job({
        ...finished,
        artifactPatterns: ['*.csv'],
        artifacts: [{ name: 'out.csv', size: 8, mime: 'text/csv', truncated: false, base64: 'YSxiCjEsMgo=' }],
      }),
    ],
    [
      'a finished function with egress',
      job({
        ...finished,
        functionCall: { name: null, inputs: [1, 2] },
        network: { allow: ['api.example.com'] },
        functionResult: {
          result: [1, 'two', { three: 3 }],
          logs: [{ ts: at.toISOString(), level: 'warn', message: 'w' }],
          logsTruncated: true,
          error: null,
        },
      }),
    ],
    [
      'a function that threw',
      job({
        ...finished,
        outcome: 'runtime_error',
        functionCall: { name: 'run', inputs: null },
        functionResult: {
          result: null,
          logs: [],
          logsTruncated: false,
          error: { name: 'TypeError', message: 'bad', stack: null, line: 2, column: 9 },
        },
      }),
    ],
  ];

  it.each(jobs)('%s, as the API presents it, matches JobViewDoc', (_, row) => {
    const validate = validator({ $ref: '#/components/schemas/JobViewDoc' });
    for (const view of [presentJob(row), presentJob(row, { base64: true })]) expect(validate(view) ? [] : validate.errors).toEqual([]);
  });

  it('refuses a job with an undocumented field or a field of the wrong type (so the checks above can fail)', () => {
    const validate = validator({ $ref: '#/components/schemas/JobViewDoc' });
    const view = presentJob(jobs[3][1]);
    expect(validate({ ...view, extra: 1 })).toBe(false);
    expect(validate({ ...view, logs: 'x' })).toBe(false);
    expect(validate({ ...view, error: { name: 'E' } })).toBe(false);
  });
});
