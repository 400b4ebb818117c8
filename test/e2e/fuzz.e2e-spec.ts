import fc from 'fast-check';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { EXECUTIONS_QUEUE } from '../../libs/contracts/src';
import { Stack } from './support/stack';

jest.setTimeout(300_000);

/** Fixed seed: the same 1,200 requests every run, so a failure reproduces. */
const SEED = 20261121;
const RUNS = 1200;
const CONCURRENCY = 8;
const BUDGET_MS = 180_000;

let stack: Stack;
let fuzzKey = '';
let victimKeyId = '';
beforeAll(async () => {
  // A worker keeps /health/ready answering 200; short waits keep /execute from holding requests.
  stack = await Stack.start('fuzz', { env: { RUNQ_DEFAULT_WAIT_MS: '300', RUNQ_MAX_WAIT_MS: '500' } });
  const user = await stack.request('POST', '/keys', { body: { name: 'fuzz-user', rateLimitPerMinute: 0, maxActiveJobs: 0 } });
  fuzzKey = user.body.key;
  victimKeyId = (await stack.request('POST', '/keys', { body: { name: 'fuzz-victim' } })).body.id;
});
afterAll(async () => {
  await stack?.stop();
});

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
interface FuzzRequest {
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
interface Drawn {
  method: Method;
  path: string;
  body: string | undefined;
  auth: string;
  contentType: string;
  idempotency: string | null;
}

const request: fc.Arbitrary<Drawn> = fc
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

function withHeaders(r: Drawn): FuzzRequest {
  const headers: Record<string, string> = {};
  const keys: Record<string, string> = { user: fuzzKey, admin: stack.adminKey, garbage: 'rq_garbage' };
  if (r.auth in keys) headers['X-API-Key'] = keys[r.auth];
  if (r.auth === 'bearer-user') headers.Authorization = `Bearer ${fuzzKey}`;
  if (r.auth === 'bearer-garbage') headers.Authorization = 'Bearer';
  if (r.body !== undefined) headers['Content-Type'] = r.contentType;
  if (r.idempotency !== null) headers['Idempotency-Key'] = r.idempotency;
  return { method: r.method, path: r.path.replace('VICTIM', victimKeyId), headers, body: r.method === 'GET' ? undefined : r.body };
}

interface Answer {
  request: FuzzRequest;
  status: number;
  text: string;
  ms: number;
}

/** Past Node's header limit (16 KiB) or the body limit the server may answer and close before reading it all. */
const oversized = (r: FuzzRequest) => r.path.length > 16_000 || (r.body?.length ?? 0) > 2 * 1024 * 1024;

async function send(r: FuzzRequest, retried = false): Promise<Answer> {
  const started = Date.now();
  try {
    const res = await fetch(stack.url + r.path, {
      method: r.method,
      headers: r.headers,
      body: r.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    return { request: r, status: res.status, text: await res.text(), ms: Date.now() - started };
  } catch (error) {
    // A kept-alive socket the server closed as idle just as it was reused: send once more.
    if (!retried && !oversized(r)) return send(r, true);
    // status 0: no answer; acceptable only for oversized requests (checked by the caller).
    return {
      request: r,
      status: 0,
      text: `${(error as Error).message}: ${String((error as Error).cause ?? '')}`,
      ms: Date.now() - started,
    };
  }
}

async function createdIds(answer: Answer): Promise<string[]> {
  const { method, path } = answer.request;
  if (method !== 'POST' || answer.status >= 300) return [];
  let body: any;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return [];
  }
  if (/^\/jobs\/batch(\?|$)/.test(path)) return (body.items ?? []).filter((i: any) => i?.id).map((i: any) => i.id);
  if (/^\/(jobs|execute)(\?|$)/.test(path) && typeof body.id === 'string') return [body.id];
  return [];
}

describe(`fuzz: ${RUNS} malformed requests across every endpoint`, () => {
  it('never answers 5xx or leaks internals, and leaves no half-written job', async () => {
    const startedAt = new Date(Date.now() - 1000);
    const t0 = Date.now();
    const requests = fc.sample(request, { seed: SEED, numRuns: RUNS }).map(withHeaders);
    const t1 = Date.now();
    expect(requests.length).toBe(RUNS);
    const deadline = Date.now() + BUDGET_MS;
    const answers: Answer[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length && Date.now() < deadline) answers.push(await send(requests[next++]));
      }),
    );
    expect(answers.length).toBe(RUNS);
    const t2 = Date.now();

    const show = (a: Answer) =>
      `${a.status} ${a.request.method} ${a.request.path.slice(0, 120)} ${(a.request.body ?? '').slice(0, 120)} → ${a.text.slice(0, 200)}`;
    const serverErrors = answers.filter((a) => a.status >= 500 || (a.status === 0 && !oversized(a.request)));
    expect(serverErrors.map(show)).toEqual([]);
    expect((await stack.request('GET', '/health', { key: null })).status).toBe(200);
    const leaks = answers.filter((a) => /\bat .+:\d+:\d+\)|node_modules|\.ts:\d+|PrismaClient|stack/i.test(a.text));
    expect(leaks.map(show)).toEqual([]);
    // Every endpoint was exercised, and many requests got past authentication to be refused as malformed.
    const statuses = new Map<number, number>();
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    if (process.env.RUNQ_FUZZ_REPORT) {
      const slowest = [...answers].sort((x, y) => y.ms - x.ms).slice(0, 5);
      console.log(
        `sample ${t1 - t0} ms, send ${t2 - t1} ms, checks ${Date.now() - t2} ms`,
        JSON.stringify(Object.fromEntries([...statuses].sort(([x], [y]) => x - y))),
        slowest.map((a) => `${a.ms} ms ${show(a)}`),
      );
    }
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 5);
    const endpoints = ['/jobs', '/execute', '/jobs/batch', '/jobs/:id', '/jobs/:id/cancel', '/keys', '/keys/:id', '/languages'];
    const hits = (pattern: string) => {
      const re = new RegExp(`^${pattern.replace(/:id/g, '[^/?]+')}(\\?|$)`);
      return answers.filter((a) => re.test(a.request.path)).length;
    };
    for (const endpoint of [...endpoints, '/webhooks/secret', '/metrics/backlog', '/health', '/health/ready']) {
      expect([endpoint, hits(endpoint) >= 10]).toEqual([endpoint, true]);
    }

    // The rows of this stack's keys created during the fuzz are exactly the jobs the API answered with.
    const reported = new Set((await Promise.all(answers.map(createdIds))).flat());
    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    let rows: { id: string; status: string }[];
    try {
      ({ rows } = await db.query<{ id: string; status: string }>(
        `SELECT j.id, j.status FROM jobs j JOIN api_keys k ON k.id = j.api_key_id
          WHERE k.name = ANY($1) AND j.created_at >= $2`,
        [['e2e-fuzz-admin', 'fuzz-user'], startedAt],
      ));
    } finally {
      await db.end();
    }
    expect(reported.size).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.id))).toEqual(reported);
    // ...and each queued one is in the queue for a worker to take.
    const queue = new Queue(EXECUTIONS_QUEUE, { connection: { url: process.env.REDIS_URL } as never });
    try {
      for (const row of rows.filter((r) => r.status === 'queued')) expect(await queue.getJob(row.id)).toBeTruthy();
    } finally {
      await queue.close();
    }
    for (const row of rows.filter((r) => r.status === 'queued')) await stack.request('POST', `/jobs/${row.id}/cancel`);
  });
});
