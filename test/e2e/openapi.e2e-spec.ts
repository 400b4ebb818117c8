import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../../apps/api/src/app.module';
import { controllersOf } from '../../apps/api/src/openapi/testing/api-routes';
import { buildDocumentWithoutServices, schemaValidator } from '../../apps/api/src/openapi/testing/openapi-document';
import { Stack } from './support/stack';

jest.setTimeout(180_000);

type Operation = {
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  responses: Record<
    string,
    { content?: Record<string, { schema?: object; example?: unknown; examples?: Record<string, { value: unknown }> }> }
  >;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

let stack: Stack;
let doc: Document;
let validator: ReturnType<typeof schemaValidator>;
let jobId = '';
const ARTIFACT = 'probe.txt';
let keyId = '';

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ path, method, op })),
  );

const requestExamples = (op: Operation) => Object.entries(op.requestBody?.content['application/json']?.examples ?? {});
/** The operation asks for an API key (public routes list no security, or an empty alternative). */
const needsKey = (op: Operation) => Boolean(op.security?.length) && !op.security!.some((r) => Object.keys(r).length === 0);
/** DELETE /jobs/{id} gets a job of its own: the other operations still need theirs. */
const idFor = async (path: string, method: string) => {
  if (path.startsWith('/keys/')) return keyId;
  if (path.startsWith('/judge0/languages/')) return '71';
  if (method !== 'delete') return jobId;
  return (await stack.request('POST', '/execute', { body: { language: 'python', code: '1' } })).body.id as string;
};
const request = async (path: string, op: Operation, method: string) => ({
  path: path.replace(/\{(id|token)\}/, await idFor(path, method)).replace('{name}', ARTIFACT),
  body: requestExamples(op)[0]?.[1].value,
});
/** Whether an answer is one the document lists for the operation, with a body of the documented shape. */
function documentedAnswer(op: Operation, status: number, body: unknown): string | null {
  const response = op.responses[String(status)];
  if (!response) return `status ${status} is not documented`;
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return null;
  const validate = validator(schema);
  return validate(body) ? null : JSON.stringify(validate.errors);
}

beforeAll(async () => {
  stack = await Stack.start('openapi');
  const res = await stack.request('GET', '/docs/openapi.json', { key: null });
  expect(res.status).toBe(200);
  doc = res.body;
  validator = schemaValidator(doc as unknown as OpenAPIObject);
  // The probe job leaves an artifact, so that its download route answers too.
  const probe = { language: 'python', code: `print(1)\nopen("${ARTIFACT}", "w").write("1")`, artifacts: [ARTIFACT] };
  jobId = (await stack.request('POST', '/execute', { body: probe })).body.id;
  keyId = (await stack.request('POST', '/keys', { body: { name: 'openapi-probe' } })).body.id;
});
afterAll(async () => {
  await stack?.stop();
});

describe('OpenAPI document (/docs/openapi.json)', () => {
  it('is OpenAPI 3 and documents every route of the API', () => {
    expect(doc.openapi).toMatch(/^3\./);
    const documented = operations().map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(documented.sort()).toEqual(
      expect.arrayContaining([
        'GET /health',
        'GET /health/ready',
        'GET /jobs',
        'GET /jobs/{id}',
        'GET /keys',
        'GET /keys/{id}',
        'POST /keys',
        'PATCH /keys/{id}',
        'DELETE /keys/{id}',
        'GET /languages',
        'GET /metrics',
        'GET /metrics/backlog',
        'GET /webhooks/secret',
        'POST /execute',
        'POST /jobs',
        'POST /jobs/batch',
        'POST /jobs/{id}/cancel',
        'DELETE /jobs/{id}',
      ]),
    );
  });

  it('has an example answer for every operation and example bodies for every operation that takes one', () => {
    const missing: string[] = [];
    for (const { path, method, op } of operations()) {
      const success = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
      // A 204 has no body to show.
      const hasExample = success.some(
        ([status, r]) => status === '204' || Object.values(r.content ?? {}).some((c) => c.example !== undefined || c.examples),
      );
      if (!hasExample) missing.push(`${method} ${path}: response`);
      if (op.requestBody && requestExamples(op).length === 0) missing.push(`${method} ${path}: request`);
    }
    expect(missing).toEqual([]);
  });

  it('is the document the unit checks build from the controllers without services', async () => {
    const built = JSON.parse(JSON.stringify(await buildDocumentWithoutServices(controllersOf(AppModule))));
    expect({ ...doc, info: null }).toEqual({ ...built, info: null });
  });

  it('lists only routes that exist on the running API (never 404 or 405), each answering as documented', async () => {
    const answers: string[] = [];
    const undocumented: string[] = [];
    for (const { path, method, op } of operations()) {
      const { path: url, body } = await request(path, op, method);
      const res = await stack.request(method.toUpperCase(), url, { body });
      answers.push(`${method.toUpperCase()} ${path} ${res.status}`);
      const problem = documentedAnswer(op, res.status, res.body);
      if (problem) undocumented.push(`${method.toUpperCase()} ${path} ${res.status}: ${problem}`);
    }
    expect(answers.filter((a) => / 40[45]$/.test(a))).toEqual([]);
    expect(undocumented).toEqual([]);
  });

  it('asks for an API key exactly where the API does: 401 without one on keyed routes, never on public ones', async () => {
    const answers = [];
    for (const { path, method, op } of operations()) {
      const { path: url, body } = await request(path, op, method);
      const res = await stack.request(method.toUpperCase(), url, { body, key: null });
      answers.push({ route: `${method.toUpperCase()} ${path}`, unauthorized: res.status === 401, documented: needsKey(op) });
    }
    expect(answers.filter((a) => a.unauthorized !== a.documented)).toEqual([]);
    expect(answers.filter((a) => !a.documented).map((a) => a.route)).toEqual(
      expect.arrayContaining(['GET /health', 'GET /health/ready', 'GET /metrics']),
    );
  });

  it("answers 429 with Retry-After on every keyed route once the key's rate is spent; public routes are not counted", async () => {
    const created = await stack.request('POST', '/keys', { body: { name: 'openapi-rate', role: 'admin', rateLimitPerMinute: 1 } });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect((await stack.request('GET', '/languages', { key })).status).toBe(200);
    const answers = [];
    for (const { path, method, op } of operations()) {
      const { path: url, body } = await request(path, op, method);
      const res = await stack.request(method.toUpperCase(), url, { body, key });
      const limited = res.status === 429 && /^\d+$/.test(res.headers.get('retry-after') ?? '');
      answers.push({ route: `${method.toUpperCase()} ${path}`, limited, keyed: needsKey(op), documented: Boolean(op.responses['429']) });
    }
    // Poll routes (@PollRoute()) are keyed but not charged, and document no 429.
    expect(answers.filter((a) => a.limited !== a.documented || (a.documented && !a.keyed))).toEqual([]);
    await stack.request('DELETE', `/keys/${created.body.id}`);
  });

  it('takes no `wait` on POST /execute, as documented (only POST /jobs has it)', async () => {
    expect((doc.paths['/execute'].post as { parameters?: { name: string }[] }).parameters?.map((p) => p.name)).not.toContain('wait');
    const res = await stack.request('POST', '/execute?wait=true', { body: { language: 'python', code: 'print(1)' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('wait');
  });

  it.each(['/jobs', '/execute'])('every example body of POST %s passes validation and runs', async (path) => {
    const op = doc.paths[path].post;
    for (const [name, { value }] of requestExamples(op)) {
      // A generous time limit where the example sets none: the machine may be shared and busy, and the outcome must be `ok`.
      const example = value as { limits?: object };
      const body = { ...example, limits: { timeoutMs: 20_000, ...example.limits } };
      const res = await stack.request('POST', path === '/jobs' ? '/jobs?wait=true&waitMs=60000' : `${path}?waitMs=60000`, { body });
      // On failure, the answer (the validation message) is shown next to the example's name.
      expect({ name, status: res.status, job: res.status === 200 ? [res.body.status, res.body.outcome] : res.body }).toEqual({
        name,
        status: 200,
        job: ['completed', 'ok'],
      });
      // The job as the API answers it has the documented shape (function-mode fields included).
      expect({ name, problem: documentedAnswer(doc.paths[path].post, res.status, res.body) }).toEqual({ name, problem: null });
    }
  });

  it('every example body of POST /jobs/batch passes validation item by item', async () => {
    for (const [name, { value }] of requestExamples(doc.paths['/jobs/batch'].post)) {
      const res = await stack.request('POST', '/jobs/batch', { body: value });
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
      expect(res.body.items.filter((item: { error?: unknown }) => item.error)).toEqual([]);
    }
  });

  it('validation refuses an example once its required field is dropped (so the checks above can fail)', async () => {
    const { value } = requestExamples(doc.paths['/jobs'].post)[0][1] as { value: Record<string, unknown> };
    const { language: _dropped, ...rest } = value;
    const res = await stack.request('POST', '/jobs', { body: rest });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('language');
  });
});

describe('Swagger UI (/docs)', () => {
  it('serves the page and its assets from this process, with a CSP that allows only them', async () => {
    const page = await fetch(`${stack.url}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const assets = [...html.matchAll(/(?:src|href)=['"]([^'"]+\.(?:js|css))['"]/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const res = await fetch(new URL(asset, `${stack.url}/docs`));
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
    }
  });

  it('keeps the strict policy on the API itself', async () => {
    const res = await stack.request('GET', '/languages');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    // connect-src is only granted to Swagger UI (its "try it out").
    expect(res.headers.get('content-security-policy')).not.toContain('connect-src');
  });
});
