import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from './support/eventually';
import { Stack } from './support/stack';

jest.setTimeout(120_000);

// Two API processes on the same Redis and Postgres, as behind a load balancer. No worker:
// jobs stay queued, which is what the ownership and active-jobs checks need.
let a: Stack;
let b: Stack;
const created: { id: string; key: string }[] = [];
const mintedKeys: string[] = [];

beforeAll(async () => {
  [a, b] = await Promise.all([Stack.start('acl-a', { worker: false }), Stack.start('acl-b', { worker: false })]);
});
afterAll(async () => {
  // Leave no queued job behind for later suites' workers.
  for (const job of created) await a?.request('POST', `/jobs/${job.id}/cancel`).catch(() => undefined);
  await Promise.all([a?.stop(), b?.stop()]);
});

const job = { language: 'python', code: 'print("acl")' };

/** The keys CLI, run without blocking the event loop (a blocked loop lets kept-alive sockets go stale). */
async function keysCli(args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, '..', '..', 'dist', 'scripts', 'keys.js'), ...args]);
  return stdout.trim();
}

async function mintKey(body: object): Promise<{ id: string; key: string }> {
  const res = await a.request('POST', '/keys', { body });
  expect(res.status).toBe(201);
  mintedKeys.push(res.body.key);
  return res.body;
}

async function submit(stack: Stack, key: string, body: object = job, path = '/jobs') {
  const res = await stack.request('POST', path, { key, body });
  if (res.status === 201) created.push({ id: res.body.id, key });
  return res;
}

describe('admin key endpoints', () => {
  it('are for admin keys only', async () => {
    expect((await a.request('GET', '/keys', { key: a.userKey })).status).toBe(403);
    expect((await a.request('POST', '/keys', { key: a.userKey, body: { name: 'x' } })).status).toBe(403);
    expect((await a.request('GET', '/keys', { key: null })).status).toBe(401);
  });

  it('create a key shown once, list and get it without hash or secret', async () => {
    const res = await a.request('POST', '/keys', { body: { name: 'ci', role: 'user', rateLimitPerMinute: 50, maxActiveJobs: 4 } });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/keys/${res.body.id}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ name: 'ci', role: 'user', rateLimitPerMinute: 50, maxActiveJobs: 4, revokedAt: null });
    expect(res.body.effectiveLimits).toEqual({ rateLimitPerMinute: 50, maxActiveJobs: 4 });
    const key: string = res.body.key;
    mintedKeys.push(key);
    expect(key.startsWith(res.body.prefix)).toBe(true);
    // The new key works at once, on the other API process too.
    expect((await b.request('GET', '/languages', { key })).status).toBe(200);

    const hash = createHash('sha256').update(key).digest('hex');
    await a.request('GET', '/webhooks/secret', { key }); // gives the key a webhook secret
    const listed = await a.request('GET', '/keys');
    const one = await a.request('GET', `/keys/${res.body.id}`);
    for (const text of [JSON.stringify(listed.body), JSON.stringify(one.body)]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(hash);
      expect(text).not.toContain('whsec_');
    }
    expect(listed.body.items.map((k: any) => k.id)).toContain(res.body.id);
    expect(one.body).not.toHaveProperty('key');
    expect(one.body).not.toHaveProperty('hash');
  });

  it('server defaults apply to keys without limits of their own; admins are unlimited by default', async () => {
    const user = await mintKey({ name: 'defaults' });
    const admin = await mintKey({ name: 'ops', role: 'admin' });
    expect((await a.request('GET', `/keys/${user.id}`)).body).toMatchObject({
      rateLimitPerMinute: null,
      maxActiveJobs: null,
      effectiveLimits: { rateLimitPerMinute: 600, maxActiveJobs: 100 },
    });
    expect((await a.request('GET', `/keys/${admin.id}`)).body.effectiveLimits).toEqual({ rateLimitPerMinute: 0, maxActiveJobs: 0 });
    const limited = await a.request('GET', '/languages', { key: user.key });
    expect(limited.headers.get('ratelimit-limit')).toBe('600');
    expect((await a.request('GET', '/languages', { key: admin.key })).headers.get('ratelimit-limit')).toBeNull();
  });

  it('change limits with PATCH (null = back to the default), and name bad input', async () => {
    const { id } = await mintKey({ name: 'patch-me', rateLimitPerMinute: 5 });
    const patched = await a.request('PATCH', `/keys/${id}`, { body: { rateLimitPerMinute: null, maxActiveJobs: 0, name: 'patched' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'patched', rateLimitPerMinute: null, maxActiveJobs: 0 });
    expect(patched.body.effectiveLimits).toEqual({ rateLimitPerMinute: 600, maxActiveJobs: 0 });

    const bad: [string, string, object, number, RegExp][] = [
      ['PATCH', `/keys/${id}`, { rateLimitPerMinute: -1 }, 400, /rateLimitPerMinute must not be less than 0/],
      ['PATCH', `/keys/${id}`, { maxActiveJobs: '3' }, 400, /maxActiveJobs must be an integer/],
      ['PATCH', `/keys/${id}`, { role: 'admin' }, 400, /property role should not exist/],
      ['PATCH', `/keys/${id}`, {}, 400, /nothing to change/],
      ['PATCH', '/keys/00000000-0000-4000-8000-000000000000', { name: 'x' }, 404, /was not found/],
      ['PATCH', '/keys/not-a-uuid', { name: 'x' }, 404, /was not found/],
      ['POST', '/keys', { name: '' }, 400, /name must be longer than or equal to 1/],
      ['POST', '/keys', { name: 'x', role: 'root' }, 400, /role must be one of/],
      ['POST', '/keys', { name: 'a\u0000b' }, 400, /name must not contain control characters/],
      ['DELETE', '/keys/not-a-uuid', {}, 404, /was not found/],
    ];
    for (const [method, path, body, status, message] of bad) {
      const res = await a.request(method, path, { body });
      expect([method, path, res.status]).toEqual([method, path, status]);
      expect(String(res.body.message)).toMatch(message);
    }
  });

  it('revoke a key: refused at once on both API processes, although the other had it cached', async () => {
    const { id, key } = await mintKey({ name: 'short-lived' });
    expect((await a.request('GET', '/languages', { key })).status).toBe(200);
    expect((await b.request('GET', '/languages', { key })).status).toBe(200); // now cached on b
    const revoked = await a.request('DELETE', `/keys/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await a.request('DELETE', `/keys/${id}`)).status).toBe(200); // idempotent
    expect((await a.request('GET', '/languages', { key })).status).toBe(401);
    // The announcement travels over Redis pub/sub: allow it a moment, far below the 10 s cache TTL.
    await eventually(async () => expect((await b.request('GET', '/languages', { key })).status).toBe(401), {
      timeoutMs: 2000,
      intervalMs: 50,
    });
  });

  it('new limits apply at once on both API processes', async () => {
    const { id, key } = await mintKey({ name: 'relimited', rateLimitPerMinute: 100 });
    expect((await b.request('GET', '/languages', { key })).headers.get('ratelimit-limit')).toBe('100');
    expect((await a.request('PATCH', `/keys/${id}`, { body: { rateLimitPerMinute: 3 } })).status).toBe(200);
    await eventually(async () => expect((await b.request('GET', '/languages', { key })).headers.get('ratelimit-limit')).toBe('3'), {
      timeoutMs: 2000,
      intervalMs: 50,
    });
  });

  it('the CLI sets and shows limits too', async () => {
    const name = `cli-limited-${Date.now()}`;
    const key = await keysCli(['create', '--name', name, '--rate-limit', '7', '--max-active-jobs', '0']);
    mintedKeys.push(key);
    const res = await a.request('GET', '/languages', { key });
    expect(res.headers.get('ratelimit-limit')).toBe('7');
    const line = (await keysCli(['list'])).split('\n').find((l) => l.includes(name))!;
    expect(line).toMatch(/rate=7\/min active=unlimited/);
    const id = line.split('\t')[0];
    expect(await keysCli(['limits', id, '--rate-limit', 'default', '--max-active-jobs', '3'])).toMatch(/rate=default\/min active=3/);
    await expect(keysCli(['create', '--name', 'x', '--rate-limit', 'lots'])).rejects.toThrow(/--rate-limit must be/);
  });
});

describe('ownership', () => {
  it('a user sees and cancels only its own jobs (404 otherwise); an admin sees and cancels all', async () => {
    const alice = await mintKey({ name: 'alice' });
    const bob = await mintKey({ name: 'bob' });
    const aliceJob = (await submit(a, alice.key)).body.id;
    const bobJob = (await submit(b, bob.key)).body.id;

    for (const stack of [a, b]) {
      expect((await stack.request('GET', `/jobs/${aliceJob}`, { key: bob.key })).status).toBe(404);
      expect((await stack.request('POST', `/jobs/${aliceJob}/cancel`, { key: bob.key })).status).toBe(404);
    }
    expect((await a.request('GET', `/jobs?ids=${aliceJob},${bobJob}`, { key: bob.key })).body.items).toEqual([
      null,
      expect.objectContaining({ id: bobJob }),
    ]);
    expect((await a.request('GET', '/jobs?limit=100', { key: bob.key })).body.items.map((j: any) => j.id)).toEqual([bobJob]);
    expect((await a.request('GET', `/jobs/${aliceJob}`, { key: alice.key })).body.status).toBe('queued');

    const all = (await a.request('GET', '/jobs?status=queued&limit=100')).body.items.map((j: any) => j.id);
    expect(all).toEqual(expect.arrayContaining([aliceJob, bobJob]));
    expect((await b.request('POST', `/jobs/${bobJob}/cancel`, { key: bob.key })).body.status).toBe('cancelled');
    expect((await b.request('POST', `/jobs/${aliceJob}/cancel`)).body.status).toBe('cancelled'); // admin
  });
});

describe('rate limit', () => {
  it('is one budget per key across two API processes, with RateLimit headers and 429 + Retry-After', async () => {
    const limited = await mintKey({ name: 'rate-6', rateLimitPerMinute: 6 });
    const other = await mintKey({ name: 'rate-other', rateLimitPerMinute: 6 });
    const remaining: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await (i % 2 ? b : a).request('GET', '/languages', { key: limited.key });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('6');
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      expect(res.headers.get('ratelimit-policy')).toBe('6;w=60');
      remaining.push(res.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['5', '4', '3', '2', '1', '0']);
    for (const stack of [a, b]) {
      const refused = await stack.request('POST', '/jobs', { key: limited.key, body: job });
      expect(refused.status).toBe(429);
      expect(refused.body.message).toMatch(/6 requests per minute/);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    }
    // Another key keeps its own budget.
    expect((await a.request('GET', '/languages', { key: other.key })).headers.get('ratelimit-remaining')).toBe('5');
  });
});

describe('active-jobs cap', () => {
  it('refuses submissions past the cap with 429, even when they race through two processes', async () => {
    const capped = await mintKey({ name: 'cap-2', maxActiveJobs: 2 });
    const racing = await Promise.all(Array.from({ length: 30 }, (_, i) => submit(i % 2 ? b : a, capped.key)));
    const statuses = racing.map((r) => r.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(2);
    expect(statuses.filter((status) => status === 429)).toHaveLength(28);
    const refused = racing.find((r) => r.status === 429)!;
    expect(refused.body.message).toMatch(/already has 2 jobs queued or running/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await a.request('GET', '/jobs?status=queued&limit=100', { key: capped.key })).body.items).toHaveLength(2);

    // POST /execute and batches obey it too; a batch refuses item by item.
    expect((await a.request('POST', '/execute', { key: capped.key, body: job })).status).toBe(429);
    const [first] = racing.filter((r) => r.status === 201);
    expect((await a.request('POST', `/jobs/${first.body.id}/cancel`, { key: capped.key })).status).toBe(200);
    const batch = await a.request('POST', '/jobs/batch', { key: capped.key, body: { jobs: [job, job] } });
    expect(batch.status).toBe(200);
    expect(batch.body.items[0].id).toBeDefined();
    created.push({ id: batch.body.items[0].id, key: capped.key });
    expect(batch.body.items[1].error).toMatchObject({ statusCode: 429 });
  });
});

describe('nothing secret leaves the API', () => {
  it('error answers carry no stack trace or internals', async () => {
    const answers = await Promise.all([
      a.request('POST', '/jobs', { raw: '{"language":' }),
      a.request('GET', '/jobs/%E0%A4%A'),
      a.request('PATCH', '/keys/x', { raw: '[' }),
      a.request('GET', `/jobs?ids=${'-'.repeat(36)}`),
      a.request('POST', '/keys', { body: { name: 'x'.repeat(500) } }),
    ]);
    expect(answers.map((res) => res.status)).toEqual([400, 400, 400, 200, 400]);
    expect(answers[3].body.items).toEqual([null]);
    for (const res of answers) {
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts:\d+|Prisma|stack/i);
    }
  });

  it('no API key appears in the API logs', async () => {
    const logs = ['acl-a', 'acl-b']
      .map((name) => join(__dirname, '..', '..', '.runq', 'test', 'logs', `${name}-api.log`))
      .filter(existsSync)
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(logs).toMatch(/listening on/);
    for (const key of [...mintedKeys, a.adminKey, a.userKey, b.adminKey]) expect(logs).not.toContain(key);
  });
});
