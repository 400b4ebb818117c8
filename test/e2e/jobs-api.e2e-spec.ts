import { eventually } from './support/eventually';
import { Stack } from './support/stack';

jest.setTimeout(120_000);

let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('jobs-api');
});
afterAll(async () => {
  await stack?.stop();
});

describe('jobs API', () => {
  it('POST /jobs answers 201 with the queued job and a Location; GET /jobs/:id follows it to the result', async () => {
    const res = await stack.request('POST', '/jobs', { body: { language: 'python', code: 'print("later")' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'queued', outcome: null, language: 'python', attempts: 0 });
    expect(res.headers.get('location')).toBe(`/jobs/${res.body.id}`);
    const done = await stack.waitFor(res.body.id, (job) => job.status === 'completed');
    expect(done).toMatchObject({ outcome: 'ok', run: { stdout: 'later\n' } });
    expect(Date.parse(done.finishedAt)).toBeGreaterThanOrEqual(Date.parse(done.startedAt));
  });

  it('POST /jobs?wait=true answers 200 with the finished job', async () => {
    const res = await stack.request('POST', '/jobs?wait=true', { body: { language: 'javascript', code: 'console.log(6*7)' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', run: { stdout: '42\n' } });
  });

  it('falls back to 202 + Location when the wait is shorter than the run', async () => {
    const res = await stack.request('POST', '/execute?waitMs=300', {
      body: { language: 'python', code: 'import time\ntime.sleep(2)\nprint("slow")' },
    });
    expect(res.status).toBe(202);
    expect(['queued', 'running']).toContain(res.body.status);
    expect(res.headers.get('location')).toBe(`/jobs/${res.body.id}`);
    const done = await stack.waitFor(res.body.id, (job) => job.status === 'completed');
    expect(done.run.stdout).toBe('slow\n');
  });

  it('lists jobs newest first with cursor pagination and filters', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await stack.request('POST', '/jobs', { body: { language: 'c', code: `int main(void){return ${i};}` } });
      ids.push(res.body.id);
    }
    const first = await stack.request('GET', '/jobs?language=gcc&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((j: any) => j.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await stack.request('GET', `/jobs?language=c&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBe(ids[0]);
    await stack.waitFor(ids[2], (job) => job.status === 'completed');
    const completed = await stack.request('GET', '/jobs?status=completed&limit=100');
    expect(completed.body.items.every((j: any) => j.status === 'completed')).toBe(true);
    expect(completed.body.items.map((j: any) => j.id)).toContain(ids[2]);
  });

  it('shows a user only the jobs of its own key; admins see all', async () => {
    const mine = await stack.request('POST', '/jobs', { key: stack.userKey, body: { language: 'python', code: 'print(1)' } });
    const admins = await stack.request('POST', '/jobs', { body: { language: 'python', code: 'print(2)' } });
    expect((await stack.request('GET', `/jobs/${mine.body.id}`, { key: stack.userKey })).status).toBe(200);
    expect((await stack.request('GET', `/jobs/${admins.body.id}`, { key: stack.userKey })).status).toBe(404);
    expect((await stack.request('GET', `/jobs/${mine.body.id}`)).status).toBe(200);
    const listed = await stack.request('GET', '/jobs?limit=100', { key: stack.userKey });
    expect(listed.body.items.map((j: any) => j.id)).toEqual([mine.body.id]);
  });

  it('requires an API key everywhere but /health, in either header', async () => {
    expect((await stack.request('GET', '/jobs', { key: null })).status).toBe(401);
    expect((await stack.request('GET', '/languages', { key: 'rq_not-a-key' })).status).toBe(401);
    const bearer = await stack.request('GET', '/languages', { key: null, headers: { Authorization: `Bearer ${stack.userKey}` } });
    expect(bearer.status).toBe(200);
    expect((await stack.request('GET', '/health', { key: null })).status).toBe(200);
  });

  it('GET /languages lists each language with its real version once a worker reported it', async () => {
    const res = await eventually(
      async () => {
        const res = await stack.request('GET', '/languages');
        const missing = res.body.filter((l: any) => !l.version).map((l: any) => l.id);
        if (missing.length) throw new Error(`no version yet for ${missing.join(', ')}`);
        return res;
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    const byId = Object.fromEntries(res.body.map((l: any) => [l.id, l]));
    expect(Object.keys(byId)).toEqual(expect.arrayContaining(['python', 'javascript', 'c']));
    expect(byId.python).toMatchObject({ compiled: false, fileName: 'main.py', available: true, aliases: expect.arrayContaining(['py']) });
    expect(byId.c).toMatchObject({ compiled: true, fileName: 'main.c' });
    for (const language of res.body) expect(language.version).toMatch(/^\d+\.\d+/);
    expect(byId.python.limits).toMatchObject({ timeoutMs: 5000, memoryMb: 128 });
  });

  it('creates a job once per Idempotency-Key, even when retries race', async () => {
    const body = { language: 'python', code: 'print("once")' };
    const key = `retry-${Date.now()}`;
    const headers = { 'Idempotency-Key': key };
    const first = await stack.request('POST', '/jobs', { body, headers });
    const retry = await stack.request('POST', '/jobs', { body, headers });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.id).toBe(first.body.id);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    const changed = await stack.request('POST', '/jobs', { body: { ...body, code: 'print("twice")' }, headers });
    expect(changed.status).toBe(422);
    expect(changed.body.message).toMatch(/Idempotency-Key was already used with a different request/);
    const otherKey = await stack.request('POST', '/jobs', { key: stack.userKey, body, headers });
    expect(otherKey.status).toBe(201);
    expect(otherKey.body.id).not.toBe(first.body.id);

    const race = { 'Idempotency-Key': `race-${Date.now()}` };
    const racing = await Promise.all(Array.from({ length: 6 }, () => stack.request('POST', '/jobs', { body, headers: race })));
    racing.forEach((res) => expect([201, 409]).toContain(res.status));
    expect(new Set(racing.filter((res) => res.status === 201).map((res) => res.body.id)).size).toBe(1);

    const tooLong = await stack.request('POST', '/jobs', { body, headers: { 'Idempotency-Key': 'x'.repeat(256) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toMatch(/Idempotency-Key must be/);
  });

  it('sends security headers and no framework banner', async () => {
    const res = await stack.request('GET', '/languages');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('GET /health/ready reports Postgres, Redis and workers', async () => {
    const res = await stack.request('GET', '/health/ready', { key: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', checks: { postgres: { ok: true }, redis: { ok: true }, workers: { ok: true } } });
    expect(res.body.checks.workers.workers).toBeGreaterThanOrEqual(1);
  });
});
