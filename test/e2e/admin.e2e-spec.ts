import { runScript, Stack } from './support/stack';

jest.setTimeout(120_000);

let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('admin');
});
afterAll(async () => {
  await stack?.stop();
});

/** Logs in with a key; returns the answer and the `name=value` part of the session cookie. */
async function login(key: string) {
  const res = await stack.request('POST', '/admin/api/session', { key: null, body: { key } });
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { res, setCookie, cookie: setCookie.split(';')[0] };
}

const withCookie = (cookie: string) => ({ key: null, headers: { Cookie: cookie } });

describe('dashboard login and sessions', () => {
  it('gives an admin key an HttpOnly, SameSite=Strict session cookie that works in place of the key', async () => {
    const { res, setCookie, cookie } = await login(stack.adminKey);
    expect(res.status).toBe(200);
    expect(setCookie).toMatch(/^runq_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toContain(stack.adminKey);
    const me = await stack.request('GET', '/admin/api/session', withCookie(cookie));
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('admin');
    expect((await stack.request('GET', '/admin/api/overview', withCookie(cookie))).status).toBe(200);
  });

  it('refuses a user key (403) and an unknown key (401), and sets no cookie', async () => {
    const user = await login(stack.userKey);
    expect(user.res.status).toBe(403);
    expect(user.res.body.message).toMatch(/admin key/);
    expect(user.setCookie).toBe('');
    const unknown = await login('rq_not-a-key');
    expect(unknown.res.status).toBe(401);
    const empty = await stack.request('POST', '/admin/api/session', { key: null, body: {} });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.message)).toMatch(/key/);
    for (const body of [{ key: 'k'.repeat(300) }, { key: 42 }, { key: 'x', extra: 1 }]) {
      const bad = await stack.request('POST', '/admin/api/session', { key: null, body });
      expect(bad.status).toBe(400);
    }
    expect((await stack.request('POST', '/admin/api/session', { key: null, raw: '{"key":' })).status).toBe(400);
    for (const cookie of ['runq_session=%ZZ', 'runq_session=', `runq_session=${'a'.repeat(5000)}`]) {
      expect((await stack.request('GET', '/admin/api/overview', withCookie(cookie))).status).toBe(401);
    }
  });

  it('ends the session on the server at logout: the old cookie no longer works', async () => {
    const { cookie } = await login(stack.adminKey);
    const out = await stack.request('DELETE', '/admin/api/session', withCookie(cookie));
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/runq_session=;.*Max-Age=0/);
    const after = await stack.request('GET', '/admin/api/overview', withCookie(cookie));
    expect(after.status).toBe(401);
    expect(after.body.message).toMatch(/log in again/);
  });

  it('ends the sessions of a revoked key', async () => {
    const key = runScript('scripts/keys.js', ['create', '--name', 'e2e-admin-revoked', '--role', 'admin']);
    const { cookie } = await login(key);
    const keys = await stack.request('GET', '/admin/api/keys');
    const id = keys.body.find((k: { prefix: string }) => key.startsWith(k.prefix)).id;
    runScript('scripts/keys.js', ['revoke', id]);
    expect((await stack.request('GET', '/admin/api/overview', withCookie(cookie))).status).toBe(401);
  });

  it('refuses the cookie on a request another site started', async () => {
    const { cookie } = await login(stack.adminKey);
    const res = await stack.request('POST', '/admin/api/jobs/00000000-0000-4000-8000-000000000000/cancel', {
      key: null,
      headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(res.status).toBe(403);
  });

  it('keeps the admin JSON from user keys (403) and from anonymous callers (401)', async () => {
    for (const path of ['/admin/api/overview', '/admin/api/stats', '/admin/api/jobs', '/admin/api/keys']) {
      expect((await stack.request('GET', path, { key: null })).status).toBe(401);
      expect((await stack.request('GET', path, { key: stack.userKey })).status).toBe(403);
    }
  });
});

describe('bull-board at /admin/queues', () => {
  it('rejects requests without an admin key or session', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/favicon.ico']) {
      const anonymous = await stack.request('GET', path, { key: null });
      expect(anonymous.status).toBe(401);
      const user = await stack.request('GET', path, { key: stack.userKey });
      expect(user.status).toBe(403);
      const forged = await stack.request('GET', path, withCookie(`runq_session=${'A'.repeat(43)}`));
      expect(forged.status).toBe(401);
    }
  });

  it('sends a signed-out browser to the sign-in page, which brings it back; scripts still get a 401', async () => {
    const page = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const res = await fetch(`${stack.url}/admin/queues/queue/executions?status=failed`, { headers: { Accept: page }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin?next=%2Fadmin%2Fqueues%2Fqueue%2Fexecutions%3Fstatus%3Dfailed');
    const board = await fetch(`${stack.url}/admin/queues`, { headers: { Accept: page }, redirect: 'manual' });
    expect(board.headers.get('location')).toBe('/admin?next=%2Fadmin%2Fqueues');
    // bull-board's JSON and anything not asking for a page keep the 401.
    const api = await fetch(`${stack.url}/admin/queues/api/queues`, { headers: { Accept: 'application/json' }, redirect: 'manual' });
    expect(api.status).toBe(401);
    const user = await fetch(`${stack.url}/admin/queues`, { headers: { Accept: page, 'X-API-Key': stack.userKey }, redirect: 'manual' });
    expect(user.status).toBe(403);
  });

  it("links back to the dashboard from the board and uses runq's icon", async () => {
    const { body } = await stack.request('GET', '/admin/queues');
    const config = JSON.parse(/<script id="__UI_CONFIG__" type="application\/json">(.*?)<\/script>/s.exec(body)![1]);
    expect(config.miscLinks).toEqual(expect.arrayContaining([{ text: '← runq dashboard', url: '/admin' }]));
    expect(config.boardLogo.path).toBe('/ui/favicon.svg');
    expect(body).toContain('href="/favicon.ico"');
  });

  it('serves the board and its API to an admin key or session', async () => {
    const { cookie } = await login(stack.adminKey);
    const page = await stack.request('GET', '/admin/queues', withCookie(cookie));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect((await stack.request('GET', '/admin/queues/static/favicon.ico', withCookie(cookie))).status).toBe(200);
    const queues = await stack.request('GET', '/admin/queues/api/queues', { key: stack.adminKey });
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual(expect.arrayContaining(['executions', 'callbacks']));
  });
});

describe('pages', () => {
  it('serves the dashboard and playground with a same-origin-only content security policy', async () => {
    for (const path of ['/admin', '/playground']) {
      const res = await stack.request('GET', path, { key: null });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.body).not.toMatch(/https?:\/\//); // nothing from a CDN
    }
    const root = await fetch(stack.url + '/', { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/playground');
    const script = await stack.request('GET', '/ui/admin.js', { key: null });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it('serves a favicon to anyone, as an icon and as SVG', async () => {
    const ico = await fetch(`${stack.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    expect([...new Uint8Array(await ico.arrayBuffer()).slice(0, 4)]).toEqual([0, 0, 1, 0]);
    const svg = await fetch(`${stack.url}/ui/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    for (const path of ['/admin', '/playground'])
      expect((await stack.request('GET', path, { key: null })).body).toContain('href="/ui/favicon.svg"');
  });

  it('lists an example program for every language', async () => {
    const res = await stack.request('GET', '/playground/examples', { key: null });
    expect(res.status).toBe(200);
    const python = res.body.find((e: { id: string }) => e.id === 'python');
    expect(python.example).toContain('print');
    expect(res.body.length).toBe((await stack.request('GET', '/languages')).body.length);
  });
});

describe('admin JSON', () => {
  let jobId = '';
  let userKeyId = '';

  beforeAll(async () => {
    const done = await stack.request('POST', '/execute', {
      key: stack.userKey,
      body: { language: 'python', code: 'import sys\nprint("<b>" + sys.stdin.read() + "</b>")', stdin: 'hi' },
    });
    expect(done.body.outcome).toBe('ok');
    jobId = done.body.id;
    const keys = await stack.request('GET', '/admin/api/keys');
    // Names repeat across runs on one database; the prefix belongs to this run's key.
    userKeyId = keys.body.find((k: { prefix: string }) => stack.userKey.startsWith(k.prefix)).id;
  });

  it('shows the queue and the live worker with its runtime and pool', async () => {
    const { body } = await stack.request('GET', '/admin/api/overview');
    expect(body.queue).toEqual(
      expect.objectContaining({
        waiting: expect.any(Number),
        active: expect.any(Number),
        delayed: expect.any(Number),
        failed: expect.any(Number),
      }),
    );
    expect(body.queue.oldestWaitingAgeMs).toBeGreaterThanOrEqual(0);
    const worker = body.workers.find((w: { id: string }) => w.id === stack.workerId);
    expect(worker).toMatchObject({ concurrency: 4, runtime: 'runc', dockerOk: true });
    expect(worker.heartbeatAgeMs).toBeLessThan(20_000);
    expect(typeof worker.pool).toBe('object');
    expect(body.imageLanguages.gcc).toEqual(expect.arrayContaining(['c', 'cpp']));
  });

  it('counts the finished job in the per-minute statistics of its language', async () => {
    const { body } = await stack.request('GET', '/admin/api/stats?minutes=10');
    expect(body.minutes).toHaveLength(10);
    expect(body.all.jobs.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const python = body.languages.python;
    expect(python.jobs.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(python.runP50.some((v: number | null) => v !== null && v > 0)).toBe(true);
    expect((await stack.request('GET', '/admin/api/stats?minutes=1')).status).toBe(400);
  });

  it('filters the jobs table by key, status, outcome, language, time and id prefix', async () => {
    const hit = async (query: string) => {
      const res = await stack.request('GET', `/admin/api/jobs?${query}`);
      expect(res.status).toBe(200);
      return res.body.items.some((j: { id: string }) => j.id === jobId);
    };
    const since = new Date(Date.now() - 10 * 60_000).toISOString();
    expect(await hit(`apiKeyId=${userKeyId}&status=completed&outcome=ok&language=python&from=${since}`)).toBe(true);
    expect(await hit(`id=${jobId.slice(0, 6)}`)).toBe(true);
    expect(await hit(`id=${jobId}`)).toBe(true);
    expect(await hit(`outcome=timeout&apiKeyId=${userKeyId}`)).toBe(false);
    expect(await hit(`to=${since}`)).toBe(false);
    const page = await stack.request('GET', `/admin/api/jobs?apiKeyId=${userKeyId}&limit=1`);
    expect(page.body.items[0]).toMatchObject({ apiKey: { id: userKeyId, name: 'e2e-admin-user' } });
    expect(page.body.total).toBeGreaterThanOrEqual(1);
  });

  it('answers bad filters with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['status=bogus', 'status'],
      ['outcome=great', 'outcome'],
      ['id=zz', 'id'],
      ['from=yesterday', 'from'],
      ['apiKeyId=nope', 'apiKeyId'],
      ['limit=1000', 'limit'],
      ['cursor=abc', 'cursor'],
      ['language=%3Cscript%3E', 'language'],
    ]) {
      const res = await stack.request('GET', `/admin/api/jobs?${query}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    }
    expect((await stack.request('GET', '/admin/api/jobs/not-a-uuid')).status).toBe(404);
  });

  it('shows a job with what was submitted, its key and its worker', async () => {
    const { body } = await stack.request('GET', `/admin/api/jobs/${jobId}`);
    expect(body.files).toEqual([{ name: 'main.py', content: expect.stringContaining('sys.stdin.read()'), encoding: 'utf8' }]);
    expect(body.stdin).toBe('hi');
    expect(body.run.stdout).toBe('<b>hi</b>\n');
    expect(body.apiKey).toMatchObject({ id: userKeyId, role: 'user' });
    expect(body.worker).toMatchObject({ id: stack.workerId, runtime: 'runc', alive: true });
    expect(body.timings).toMatchObject({ runtime: 'runc', warm: expect.any(Boolean) });
  });

  it('re-runs a job as a new one, and deletes jobs', async () => {
    const rerun = await stack.request('POST', `/admin/api/jobs/${jobId}/rerun`);
    expect(rerun.status).toBe(201);
    expect(rerun.body.id).not.toBe(jobId);
    const done = await stack.waitFor(rerun.body.id, (job) => job.status === 'completed');
    expect(done.run.stdout).toBe('<b>hi</b>\n');
    const removed = await stack.request('DELETE', `/admin/api/jobs/${rerun.body.id}`);
    expect(removed.status).toBe(204);
    expect((await stack.request('GET', `/admin/api/jobs/${rerun.body.id}`)).status).toBe(404);
    expect((await stack.request('DELETE', `/admin/api/jobs/${rerun.body.id}`)).status).toBe(404);
  });

  it('cancels a running job, and deleting a running job cancels it first', async () => {
    const body = { language: 'python', code: 'import time\ntime.sleep(60)', limits: { timeoutMs: 60_000 } };
    const first = await stack.request('POST', '/jobs', { key: stack.userKey, body });
    await stack.waitFor(first.body.id, (job) => job.status === 'running');
    const cancelled = await stack.request('POST', `/admin/api/jobs/${first.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await stack.request('POST', `/admin/api/jobs/${first.body.id}/cancel`)).status).toBe(409);

    const second = await stack.request('POST', '/jobs', { key: stack.userKey, body });
    await stack.waitFor(second.body.id, (job) => job.status === 'running');
    expect((await stack.request('DELETE', `/admin/api/jobs/${second.body.id}`)).status).toBe(204);
    expect((await stack.request('GET', `/jobs/${second.body.id}`)).status).toBe(404);
    // The worker's slot comes back: a new job still runs.
    const after = await stack.request('POST', '/execute', { body: { language: 'python', code: 'print(2)' } });
    expect(after.body.outcome).toBe('ok');
  });
});
