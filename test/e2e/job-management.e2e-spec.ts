import { Stack } from './support/stack';

jest.setTimeout(180_000);

/** GET /jobs filters (outcome, creation time), DELETE /jobs/:id, and CORS for the allowed origins. */
const ALLOWED = 'https://app.example.com';
let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('job-management', { env: { RUNQ_CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` } });
});
afterAll(async () => {
  await stack?.stop();
});

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((job) => job.id);

describe('GET /jobs filters', () => {
  let ok: any;
  let failing: any;
  let broken: any;
  beforeAll(async () => {
    const key = stack.userKey;
    // Generous time limits: the outcomes, not the machine's load, are under test.
    const run = async (language: string, code: string) =>
      (await stack.request('POST', '/execute', { key, body: { language, code, limits: { timeoutMs: 20_000 } } })).body;
    ok = await run('python', 'print("fine")');
    failing = await run('python', 'raise SystemExit(3)');
    broken = await run('c', 'int main( {');
    expect([ok.outcome, failing.outcome, broken.outcome]).toEqual(['ok', 'runtime_error', 'compile_error']);
  });

  it('filters by outcome, alone and with status and language', async () => {
    const key = stack.userKey;
    expect(ids(await stack.request('GET', '/jobs?outcome=runtime_error', { key }))).toEqual([failing.id]);
    expect(ids(await stack.request('GET', '/jobs?outcome=compile_error&status=completed&language=gcc', { key }))).toEqual([broken.id]);
    expect(ids(await stack.request('GET', '/jobs?outcome=compile_error&language=python', { key }))).toEqual([]);
    expect(ids(await stack.request('GET', '/jobs?outcome=ok&status=queued', { key }))).toEqual([]);
  });

  it('filters by creation time: createdAfter at or after, createdBefore strictly before, in any time zone', async () => {
    const key = stack.userKey;
    const at = (job: any) => encodeURIComponent(job.createdAt);
    expect(ids(await stack.request('GET', `/jobs?createdAfter=${at(failing)}`, { key }))).toEqual([broken.id, failing.id]);
    expect(ids(await stack.request('GET', `/jobs?createdBefore=${at(failing)}`, { key }))).toEqual([ok.id]);
    const window = `createdAfter=${at(failing)}&createdBefore=${at(broken)}`;
    expect(ids(await stack.request('GET', `/jobs?${window}`, { key }))).toEqual([failing.id]);
    expect(ids(await stack.request('GET', `/jobs?${window}&outcome=ok`, { key }))).toEqual([]);
    // The same instant written with an offset.
    const shifted = new Date(Date.parse(failing.createdAt) + 2 * 3600_000).toISOString().replace('Z', '+02:00');
    expect(ids(await stack.request('GET', `/jobs?createdAfter=${encodeURIComponent(shifted)}`, { key }))).toEqual([broken.id, failing.id]);
    // A date is midnight UTC; an empty window is empty, not an error.
    expect(ids(await stack.request('GET', '/jobs?createdBefore=2000-01-01', { key }))).toEqual([]);
    expect(ids(await stack.request('GET', `/jobs?createdAfter=${at(ok)}&createdBefore=${at(ok)}`, { key }))).toEqual([]);
  });

  it('pages with a cursor inside the filters, and refuses a cursor with other filters', async () => {
    const key = stack.userKey;
    const made: { id: string; createdAt: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const body = { language: 'python', code: `print(${i})`, limits: { timeoutMs: 20_000 } };
      made.push((await stack.request('POST', '/jobs', { key, body })).body);
    }
    await Promise.all(made.map(({ id }) => stack.waitFor(id, (job) => job.status === 'completed', 60_000)));
    const filters = `outcome=ok&language=python&createdAfter=${encodeURIComponent(made[0].createdAt)}`;
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: any = await stack.request('GET', `/jobs?${filters}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key });
      expect(res.status).toBe(200);
      seen.push(...ids(res));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(made.map(({ id }) => id).reverse());
    const first = await stack.request('GET', `/jobs?${filters}&limit=2`, { key });
    const mixed = await stack.request('GET', `/jobs?outcome=runtime_error&limit=2&cursor=${first.body.nextCursor}`, { key });
    expect(mixed.status).toBe(400);
    expect(mixed.body.message).toBe('cursor is not valid: pass the nextCursor of a previous page with the same filters');
    // An alias names the same language: the cursor still fits.
    const alias = await stack.request('GET', `/jobs?${filters.replace('python', 'py')}&limit=2&cursor=${first.body.nextCursor}`, {
      key,
    });
    expect(alias.status).toBe(200);
  });

  it.each([
    ['outcome=nope', /outcome must be one of the following values/],
    ['createdAfter=yesterday', /^createdAfter must be an ISO 8601 date \(2025-01-31\) or date-time with a time zone/],
    ['createdBefore=2025-01-31T12:00:00', /^createdBefore must be an ISO 8601 date/],
    ['createdBefore=2025-02-30', /^createdBefore must be an ISO 8601 date/],
    ['createdAfter=2025-02-01&createdBefore=2025-01-31', /^createdAfter must not be later than createdBefore$/],
  ])('answers 400 naming the field for %s', async (query, message) => {
    const res = await stack.request('GET', `/jobs?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('Bad Request');
    expect([res.body.message].flat().join('; ')).toMatch(message);
  });
});

describe('DELETE /jobs/:id', () => {
  it('deletes a finished job of its own key: 204, then 404 everywhere', async () => {
    const key = stack.userKey;
    const job = (await stack.request('POST', '/execute', { key, body: { language: 'python', code: 'print(1)' } })).body;
    const res = await stack.request('DELETE', `/jobs/${job.id}`, { key });
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
    expect((await stack.request('GET', `/jobs/${job.id}`, { key })).status).toBe(404);
    expect((await stack.request('GET', `/jobs?ids=${job.id}`, { key })).body.items).toEqual([null]);
    expect((await stack.request('DELETE', `/jobs/${job.id}`, { key })).status).toBe(404);
  });

  it("answers 404 for another key's job and leaves it; an admin may delete any job", async () => {
    const admins = (await stack.request('POST', '/execute', { body: { language: 'python', code: 'print(2)' } })).body;
    const refused = await stack.request('DELETE', `/jobs/${admins.id}`, { key: stack.userKey });
    expect(refused.status).toBe(404);
    expect(refused.body.message).toBe(`job ${admins.id} was not found`);
    expect((await stack.request('GET', `/jobs/${admins.id}`)).status).toBe(200);
    const users = (await stack.request('POST', '/execute', { key: stack.userKey, body: { language: 'python', code: 'print(3)' } })).body;
    expect((await stack.request('DELETE', `/jobs/${users.id}`)).status).toBe(204);
    expect((await stack.request('DELETE', '/jobs/not-a-job-id')).status).toBe(404);
  });

  it('refuses a running job with 409 saying how; ?force=true cancels it first, and the worker carries on', async () => {
    const key = stack.userKey;
    const created = await stack.request('POST', '/jobs', { key, body: { language: 'python', code: 'import time\ntime.sleep(30)' } });
    await stack.waitFor(created.body.id, (job) => job.status === 'running', 30_000);
    const refused = await stack.request('DELETE', `/jobs/${created.body.id}`, { key });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      message: `job ${created.body.id} is running: cancel it first, or delete it with force=true`,
      error: 'Conflict',
      statusCode: 409,
    });
    expect((await stack.request('GET', `/jobs/${created.body.id}`, { key })).body.status).toBe('running');
    expect((await stack.request('DELETE', `/jobs/${created.body.id}?force=maybe`, { key })).status).toBe(400);
    const forced = await stack.request('DELETE', `/jobs/${created.body.id}?force=true`, { key });
    expect(forced.status).toBe(204);
    expect((await stack.request('GET', `/jobs/${created.body.id}`, { key })).status).toBe(404);
    const next = await stack.request('POST', '/execute', { key, body: { language: 'python', code: 'print("still here")' } });
    expect(next.body).toMatchObject({ status: 'completed', run: { stdout: 'still here\n' } });
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${stack.url}/jobs`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-api-key, content-type, idempotency-key',
      },
    });

  it('answers a preflight from an allowed origin with the methods and headers a page needs, without credentials', async () => {
    const res = await preflight(ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('vary')).toMatch(/Origin/);
    const methods = res.headers.get('access-control-allow-methods')!.split(',');
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']));
    const headers = res.headers.get('access-control-allow-headers')!.toLowerCase().split(',');
    expect(headers).toEqual(expect.arrayContaining(['x-api-key', 'authorization', 'content-type', 'idempotency-key']));
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('lets an allowed page read the answer and its Location, Retry-After and Idempotent-Replayed headers', async () => {
    const res = await stack.request('POST', '/jobs', {
      body: { language: 'python', code: 'print(1)' },
      headers: { Origin: 'http://localhost:5173', 'Idempotency-Key': `cors-${Date.now()}` },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const exposed = res.headers.get('access-control-expose-headers')!.toLowerCase().split(',');
    expect(exposed).toEqual(expect.arrayContaining(['location', 'retry-after', 'idempotent-replayed']));
  });

  it('gives another origin no CORS header at all', async () => {
    const res = await preflight('https://evil.example.com');
    expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const get = await stack.request('GET', '/jobs', { headers: { Origin: 'https://app.example.com.evil.example.com' } });
    expect([...get.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});
