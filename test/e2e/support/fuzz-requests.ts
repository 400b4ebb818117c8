import fc from 'fast-check';

/**
 * Requests for the API fuzz test (test/e2e/fuzz.e2e-spec.ts): every endpoint, with mutated
 * and malformed bodies, hostile path parameters, shaped-but-wrong query values, bad
 * credentials and odd headers. Keys and ids are filled in by the test once its stack runs.
 */
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
export interface FuzzRequest {
  method: Method;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const validJob = { language: 'python', code: 'print(1)', stdin: '', args: [], limits: { timeoutMs: 1000 } };
const ID = '00000000-0000-4000-8000-000000000000';

/** Strings a parser or validator might choke on. */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '%00',
    '\u0000',
    '😀',
    'null',
    'undefined',
    'NaN',
    '-1',
    '1e309',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom("1'; DROP TABLE jobs;--", '${jndi:ldap://x}', '<script>alert(1)</script>', '-'.repeat(36), 'Z'.repeat(10_000)),
  fc.uuid(),
);

/** Any JSON value, including deep nesting and prototype-polluting keys. */
const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'language', 'code', 'jobs'), fc.jsonValue({ maxDepth: 2 })),
  fc.integer({ min: 1, max: 200 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth))),
);

/** A valid job with one field replaced or added: the closest misses. */
const mutatedJob = fc
  .tuple(
    fc.constantFrom(
      'language',
      'code',
      'files',
      'stdin',
      'args',
      'limits',
      'encoding',
      'tests',
      'expectedOutput',
      'comparison',
      'callbackUrl',
      'compileOptions',
      'entry',
      'version',
      'extra',
    ),
    fc.oneof(jsonish, nasty),
  )
  .map(([field, value]) => ({ ...validJob, [field]: value }));

const limitsMutation = fc
  .record({
    timeoutMs: fc.oneof(fc.integer(), fc.double(), nasty),
    memoryMb: fc.oneof(fc.integer(), fc.double()),
    cpus: fc.oneof(fc.double(), fc.constant(-0)),
    processes: fc.oneof(fc.integer(), nasty),
    outputBytes: fc.integer(),
  })
  .map((limits) => ({ ...validJob, limits }));

const keyBody = fc.oneof(
  jsonish,
  fc.record({ name: nasty, role: fc.oneof(nasty, fc.constantFrom('user', 'admin')) }, { requiredKeys: [] }),
  fc.record({
    rateLimitPerMinute: fc.oneof(fc.integer(), fc.double(), nasty, fc.constant(null)),
    maxActiveJobs: fc.oneof(fc.integer(), nasty),
  }),
);

const jobBody = fc.oneof(
  fc.constant(validJob),
  mutatedJob,
  limitsMutation,
  jsonish,
  fc.record({ jobs: fc.oneof(fc.array(mutatedJob, { maxLength: 3 }), jsonish) }),
);

/** A body: JSON of the given shape, raw text that is not JSON, or an oversized one. */
const bodyOf = (shape: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: shape.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom('{"a":', '{"language":"python","code":"x"', '\u0000\u0001', '{}'.repeat(1000)) },
    { weight: 1, arbitrary: fc.constant(JSON.stringify({ ...validJob, code: 'x'.repeat(2.1 * 1024 * 1024) })) },
  );

/** Values shaped like what each query parameter expects, and near misses of it (arbitraries built once: cheap to draw). */
const PARAMS = ['wait', 'waitMs', 'base64', 'status', 'language', 'limit', 'cursor', 'ids', 'x', '__proto__'];
const shapedValue: Record<string, fc.Arbitrary<string>> = {
  ids: fc
    .array(fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-fA-F-]{36}$/), nasty), { minLength: 1, maxLength: 4 })
    .map((ids) => ids.join(',')),
  waitMs: fc.oneof(fc.integer({ min: -10, max: 10_000 }), fc.double()).map(String),
  limit: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double()).map(String),
  cursor: fc.oneof(
    fc.base64String({ maxLength: 80 }),
    fc.string().map((t) => Buffer.from(t).toString('base64url')),
  ),
  status: fc.constantFrom('queued', 'running', 'completed', 'failed', 'cancelled', 'QUEUED', ''),
};
const common = fc.constantFrom('true', 'false', '1', 'queued', 'python');
const paramArbs = Object.fromEntries(
  PARAMS.map((name) => [name, fc.oneof(shapedValue[name] ?? nasty, nasty, common).map((value) => [name, value] as [string, string])]),
);

const queryOver = (names: string[]) =>
  fc
    .uniqueArray(fc.constantFrom(...names), { maxLength: 3 })
    .chain((picked) => fc.tuple(...picked.map((name) => paramArbs[name])))
    .map((pairs) => {
      const text = new URLSearchParams(pairs).toString();
      return text ? `?${text}` : '';
    });
const query = queryOver(PARAMS);
/** GET /jobs gets only its own parameters, so that its values (not unknown names) are what is tested. */
const listQuery = queryOver(['status', 'language', 'limit', 'cursor', 'ids', 'base64']);

const pathParam = fc.oneof(
  nasty.map((s) => encodeURIComponent(s)),
  fc.constantFrom('%E0%A4%A', '%', '..%2F..%2Fetc', ID, 'not-a-uuid'),
  fc.constant('VICTIM'),
);

const route = fc.oneof(
  fc.record({ method: fc.constant<Method>('POST'), path: fc.constantFrom('/jobs', '/execute', '/jobs/batch'), body: bodyOf(jobBody) }),
  fc.record({ method: fc.constant<Method>('GET'), path: fc.constant('/jobs') }),
  fc.record({
    method: fc.constant<Method>('GET'),
    path: fc.constantFrom('/jobs', '/languages', '/webhooks/secret', '/metrics/backlog', '/health', '/health/ready', '/keys'),
  }),
  fc.record({
    method: fc.constant<Method>('GET'),
    path: fc.constantFrom(
      '/metrics',
      '/docs/openapi.json',
      '/',
      '/admin',
      '/playground',
      '/playground/examples',
      '/admin/api/overview',
      '/admin/api/stats',
      '/admin/api/keys',
      '/admin/api/session',
      '/admin/queues',
    ),
  }),
  fc.record({ method: fc.constant<Method>('GET'), path: query.map((q) => `/admin/api/jobs${q}`) }),
  fc.record({ method: fc.constantFrom<Method>('GET', 'POST'), path: query.map((q) => `/metrics${q}`) }),
  fc.record({ method: fc.constant<Method>('GET'), path: query.map((q) => `/metrics/backlog${q.replace('x=', 'pool=')}`) }),
  fc.record({
    method: fc.constantFrom<Method>('GET', 'DELETE'),
    path: pathParam.map((id) => `/admin/api/jobs/${id}`),
  }),
  fc.record({
    method: fc.constant<Method>('POST'),
    path: fc.tuple(pathParam, fc.constantFrom('cancel', 'rerun')).map(([id, action]) => `/admin/api/jobs/${id}/${action}`),
    body: bodyOf(jsonish),
  }),
  fc.record({ method: fc.constantFrom<Method>('POST', 'DELETE'), path: fc.constant('/admin/api/session'), body: bodyOf(keyBody) }),
  fc.record({ method: fc.constantFrom<Method>('GET', 'POST'), path: pathParam.map((id) => `/jobs/${id}`) }),
  fc.record({ method: fc.constant<Method>('POST'), path: pathParam.map((id) => `/jobs/${id}/cancel`), body: bodyOf(jsonish) }),
  fc.record({ method: fc.constant<Method>('POST'), path: fc.constant('/keys'), body: bodyOf(keyBody) }),
  fc.record({
    method: fc.constantFrom<Method>('GET', 'PATCH', 'DELETE', 'PUT'),
    path: pathParam.map((id) => `/keys/${id}`),
    body: bodyOf(keyBody),
  }),
  fc.record({ method: fc.constantFrom<Method>('GET', 'POST', 'DELETE'), path: nasty.map((s) => `/${encodeURIComponent(s)}`) }),
);

const credentials = fc.constantFrom('none', 'user', 'user', 'user', 'admin', 'admin', 'admin', 'garbage', 'bearer-user', 'bearer-garbage');

const headerValue = fc.string({ maxLength: 300 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/merge-patch+json',
);

/** What is drawn; keys and ids are filled in once the stack exists. */
export interface Drawn {
  method: Method;
  path: string;
  body: string | undefined;
  auth: string;
  contentType: string;
  idempotency: string | null;
}

export const request: fc.Arbitrary<Drawn> = fc
  .record({
    route,
    query,
    listQuery,
    auth: credentials,
    contentType,
    // Mostly absent; when present, usually malformed.
    idempotency: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: headerValue }),
  })
  .map(({ route: r, query: q, listQuery: lq, auth, contentType: ct, idempotency }) => ({
    method: r.method,
    path: r.path + (r.method === 'GET' && r.path === '/jobs' ? lq : q),
    body: 'body' in r ? (r.body as string) : undefined,
    auth,
    contentType: ct,
    idempotency,
  }));
