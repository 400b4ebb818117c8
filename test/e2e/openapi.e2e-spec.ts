import { Stack } from './support/stack';

jest.setTimeout(180_000);

type Operation = {
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, { content?: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> }>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

let stack: Stack;
let doc: Document;
let jobId = '';
let keyId = '';

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ path, method, op })),
  );

const requestExamples = (op: Operation) => Object.entries(op.requestBody?.content['application/json']?.examples ?? {});

beforeAll(async () => {
  stack = await Stack.start('openapi');
  const res = await stack.request('GET', '/docs/openapi.json', { key: null });
  expect(res.status).toBe(200);
  doc = res.body;
  jobId = (await stack.request('POST', '/execute', { body: { language: 'python', code: 'print(1)' } })).body.id;
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

  it('lists only routes that exist on the running API (never 404 or 405)', async () => {
    const answers: string[] = [];
    for (const { path, method, op } of operations()) {
      const body = requestExamples(op)[0]?.[1].value;
      // DELETE /jobs/{id} gets a job of its own: the others still need theirs.
      const ownJob = method === 'delete' && path.startsWith('/jobs/');
      const id = path.startsWith('/keys/')
        ? keyId
        : ownJob
          ? (await stack.request('POST', '/execute', { body: { language: 'python', code: '1' } })).body.id
          : jobId;
      const res = await stack.request(method.toUpperCase(), path.replace('{id}', id), { body });
      answers.push(`${method.toUpperCase()} ${path} ${res.status}`);
    }
    expect(answers.filter((a) => / 40[45]$/.test(a))).toEqual([]);
  });

  it.each(['/jobs', '/execute'])('every example body of POST %s passes validation and runs', async (path) => {
    const op = doc.paths[path].post;
    for (const [name, { value }] of requestExamples(op)) {
      const res = await stack.request('POST', path === '/jobs' ? '/jobs?wait=true' : path, { body: value });
      // On failure, the answer (the validation message) is shown next to the example's name.
      expect({ name, status: res.status, job: res.status === 200 ? res.body.status : res.body }).toEqual({
        name,
        status: 200,
        job: 'completed',
      });
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
