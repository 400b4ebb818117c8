import { Stack } from './support/stack';

jest.setTimeout(180_000);

/** Idempotency-Key where clients retry: POST /execute, POST /jobs?wait=true and POST /jobs/batch. */
let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('idempotency');
});
afterAll(async () => {
  await stack?.stop();
});

const unique = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
const countJobs = async (key: string) => (await stack.request('GET', '/jobs?limit=100', { key })).body.items.length;

describe('Idempotency-Key on POST /execute and POST /jobs?wait=true', () => {
  it('answers a retry with the same finished job, replayed, without running it again', async () => {
    const body = { language: 'python', code: `print("once ${unique('x')}")` };
    const headers = { 'Idempotency-Key': unique('exec') };
    const first = await stack.request('POST', '/execute', { body, headers });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(first.body).toMatchObject({ status: 'completed', outcome: 'ok' });
    const retry = await stack.request('POST', '/execute', { body, headers });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    // The same key and body on POST /jobs?wait=true is the same request: the same job.
    const viaJobs = await stack.request('POST', '/jobs?wait=true', { body, headers });
    expect([viaJobs.status, viaJobs.body.id, viaJobs.headers.get('idempotent-replayed')]).toEqual([200, first.body.id, 'true']);
  });

  it('keeps the 200/202 rules: a retry of a running job waits for it, or answers 202 + Location when its wait runs out', async () => {
    const user = stack.userKey;
    const before = await countJobs(user);
    const body = { language: 'python', code: 'import time\ntime.sleep(2.5)\nprint("slow")' };
    const headers = { 'Idempotency-Key': unique('slow') };
    const first = await stack.request('POST', '/execute?waitMs=200', { key: user, body, headers });
    expect(first.status).toBe(202);
    expect(first.headers.get('location')).toBe(`/jobs/${first.body.id}`);
    const short = await stack.request('POST', '/jobs?wait=true&waitMs=200', { key: user, body, headers });
    expect(short.status).toBe(202);
    expect(short.headers.get('location')).toBe(`/jobs/${first.body.id}`);
    expect(short.headers.get('idempotent-replayed')).toBe('true');
    expect(short.body.id).toBe(first.body.id);
    const long = await stack.request('POST', '/execute?waitMs=30000', { key: user, body, headers });
    expect(long.status).toBe(200);
    expect(long.headers.get('idempotent-replayed')).toBe('true');
    expect(long.body).toMatchObject({ id: first.body.id, status: 'completed', run: { stdout: 'slow\n' } });
    expect(await countJobs(user)).toBe(before + 1);
  });

  it('refuses the key with another body (422), and while the first request is creating its job (409)', async () => {
    const headers = { 'Idempotency-Key': unique('mismatch') };
    const body = { language: 'python', code: 'print(1)' };
    expect((await stack.request('POST', '/execute', { body, headers })).status).toBe(200);
    const other = await stack.request('POST', '/execute', { body: { ...body, code: 'print(2)' }, headers });
    expect(other.status).toBe(422);
    expect(other.body).toEqual({
      message: 'Idempotency-Key was already used with a different request',
      error: 'Unprocessable Entity',
      statusCode: 422,
    });

    const race = { 'Idempotency-Key': unique('race') };
    const racing = await Promise.all(Array.from({ length: 6 }, () => stack.request('POST', '/execute', { body, headers: race })));
    racing.forEach((res) => expect([200, 409]).toContain(res.status));
    const answered = racing.filter((res) => res.status === 200);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(new Set(answered.map((res) => res.body.id)).size).toBe(1);
    for (const res of racing.filter((r) => r.status === 409)) expect(res.body.message).toMatch(/still being processed; retry shortly/);
  });

  it('tells a retry whose job was deleted to use a new key (409)', async () => {
    const headers = { 'Idempotency-Key': unique('deleted') };
    const body = { language: 'python', code: 'print("gone")' };
    const first = await stack.request('POST', '/execute', { body, headers });
    expect((await stack.request('DELETE', `/jobs/${first.body.id}`)).status).toBe(204);
    const retry = await stack.request('POST', '/execute', { body, headers });
    expect(retry.status).toBe(409);
    expect(retry.body.message).toBe(`job ${first.body.id} created with this Idempotency-Key has been deleted; use a new key`);
  });

  it('still refuses a malformed key', async () => {
    const res = await stack.request('POST', '/execute', {
      body: { language: 'python', code: '1' },
      headers: { 'Idempotency-Key': 'two words' },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/Idempotency-Key must be/);
  });
});

describe('Idempotency-Key on POST /jobs/batch', () => {
  it('covers the whole batch: a retry returns the same items, refused ones with their errors, and creates nothing', async () => {
    const user = stack.userKey;
    const jobs = [
      { language: 'python', code: 'print("a")' },
      { language: 'intercal', code: 'PLEASE GIVE UP' },
      { language: 'javascript', code: 'console.log("c")' },
    ];
    const headers = { 'Idempotency-Key': unique('batch') };
    const before = await countJobs(user);
    const first = await stack.request('POST', '/jobs/batch', { key: user, body: { jobs }, headers });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(first.body.items[1]).toEqual({
      error: expect.objectContaining({ statusCode: 400, message: expect.stringMatching(/intercal/) }),
    });
    const ids = [first.body.items[0].id, first.body.items[2].id];
    await Promise.all(ids.map((id) => stack.waitFor(id, (job) => job.status === 'completed')));

    const retry = await stack.request('POST', '/jobs/batch', { key: user, body: { jobs }, headers });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.items.map((item: any) => item.id ?? null)).toEqual([ids[0], null, ids[1]]);
    expect(retry.body.items[1]).toEqual(first.body.items[1]);
    // Jobs as they are now, not as they were when created.
    expect(retry.body.items[0]).toMatchObject({ status: 'completed', run: { stdout: 'a\n' } });
    expect(await countJobs(user)).toBe(before + 2);

    const other = await stack.request('POST', '/jobs/batch', { key: user, body: { jobs: jobs.slice(0, 1) }, headers });
    expect(other.status).toBe(422);
    const single = await stack.request('POST', '/jobs', { key: user, body: jobs[0], headers });
    expect(single.status).toBe(422);
    expect(await countJobs(user)).toBe(before + 2);
  });

  it('answers a retry that races the first request with 409, never a second batch', async () => {
    const jobs = Array.from({ length: 5 }, (_, i) => ({ language: 'python', code: `print(${i})` }));
    const headers = { 'Idempotency-Key': unique('batch-race') };
    const racing = await Promise.all(Array.from({ length: 4 }, () => stack.request('POST', '/jobs/batch', { body: { jobs }, headers })));
    racing.forEach((res) => expect([200, 409]).toContain(res.status));
    const answered = racing.filter((res) => res.status === 200);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(new Set(answered.map((res) => res.body.items.map((item: any) => item.id).join()))).toHaveProperty('size', 1);
  });
});
