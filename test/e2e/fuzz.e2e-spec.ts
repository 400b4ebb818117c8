import fc from 'fast-check';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { EXECUTIONS_QUEUE } from '../../libs/contracts/src';
import { request, type Drawn, type FuzzRequest } from './support/fuzz-requests';
import { Stack } from './support/stack';

jest.setTimeout(300_000);

/** Fixed seed: the same 2,000 requests every run, so a failure reproduces. */
const SEED = 20261121;
const RUNS = 2000;
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

function withHeaders(r: Drawn): FuzzRequest {
  const headers: Record<string, string> = {};
  const keys: Record<string, string> = { user: fuzzKey, admin: stack.adminKey, garbage: 'rq_garbage' };
  if (r.auth in keys) headers['X-API-Key'] = keys[r.auth];
  if (r.auth === 'bearer-user') headers.Authorization = `Bearer ${fuzzKey}`;
  if (r.auth === 'bearer-garbage') headers.Authorization = 'Bearer';
  if (r.body !== undefined && r.contentType !== 'none') headers['Content-Type'] = r.contentType;
  if (r.idempotency !== null) headers['Idempotency-Key'] = r.idempotency;
  // Bytes: fetch adds a Content-Type of its own to a text body, and would re-encode it.
  const body = r.method === 'GET' || r.body === undefined ? undefined : Buffer.from(r.body);
  return { method: r.method, path: r.path.replace('VICTIM', victimKeyId), headers, body };
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
    // The OpenAPI document describes the `stack` of a function's error: the one answer that may name it.
    const leaks = answers.filter(
      (a) => /\bat .+:\d+:\d+\)|node_modules|\.ts:\d+|PrismaClient|stack/i.test(a.text) && !a.request.path.startsWith('/docs/openapi.json'),
    );
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
    const dashboard = ['/admin/api/jobs', '/admin/api/jobs/:id', '/admin/api/jobs/:id/cancel', '/admin/api/session', '/metrics'];
    for (const endpoint of [...endpoints, ...dashboard, '/webhooks/secret', '/metrics/backlog', '/health', '/health/ready']) {
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
