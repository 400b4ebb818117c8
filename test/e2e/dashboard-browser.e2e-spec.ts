import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, typeCode } from './support/browser';
import { eventually } from './support/eventually';
import { barChartPng } from './support/png';
import { BrowserStack } from './support/browser-stack';
import type { Stack } from './support/stack';

jest.setTimeout(180_000);

/**
 * The dashboard and playground as a person uses them, in a real Chromium against the real
 * API, worker, Docker, Redis and Postgres. Screenshots of each page go to .runq/test/screenshots.
 */
const browserStack = new BrowserStack();
let stack: Stack;
let context: BrowserContext;
const dialogs: string[] = [];

/** A 120×64 bar chart of the function's numbers, which it returns as bytes. */
const PNG = barChartPng([1, 2, 3]);

beforeAll(async () => {
  ({ stack, context } = await browserStack.start('browser', 5, { RUNQ_EGRESS_ALLOW: '*.example.com' }));
});
afterAll(() => browserStack.stop());

async function openPage(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  await page.goto(stack.url + path);
  return page;
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.fill('#admin-key', key);
  await page.click('#login-form button[type=submit]');
}

describe('dashboard and playground in a browser', () => {
  const xss = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
  let playgroundJob = '';

  it('refuses a user key at the dashboard login', async () => {
    const page = await openPage('/admin');
    await signIn(page, stack.userKey);
    await page.waitForSelector('#login-form .error:has-text("admin key")');
    expect(await page.isHidden('#nav')).toBe(true);
    expect((await context.cookies()).find((c) => c.name === 'runq_session')).toBeUndefined();
    await screenshot(page, 'admin-login-user-key-refused');
    await page.close();
  });

  it('runs a program from the playground with a user key, showing its HTML-like output as text', async () => {
    // A few jobs first, so the charts on the overview have something to draw.
    const warmUp: [string, string][] = [
      ['python', 'print(1)'],
      ['python', 'import time\ntime.sleep(0.3)\nprint(3)'],
      ['bash', 'echo 2'],
      ['javascript', 'console.log(4)'],
    ];
    await Promise.all(
      warmUp.map(([language, code]) => stack.request('POST', '/execute', { key: stack.userKey, body: { language, code } })),
    );
    const page = await openPage('/playground');
    await page.waitForSelector('#language option[value="python"]', { state: 'attached' });
    expect(await page.textContent('.cm-content')).toContain('print');
    await page.fill('#api-key', stack.userKey);
    await page.selectOption('#language', 'python');
    await typeCode(page, `import sys\nname = sys.stdin.read().strip()\nprint('${xss}')\nprint("hello", name)\n`);
    await page.fill('#stdin', 'runq');
    await page.click('#run');
    await page.waitForSelector('#result-outcome [data-value="ok"]', { timeout: 60_000 });
    const stdout = await page.textContent('#run-stdout');
    expect(stdout).toBe(`${xss}\nhello runq\n`);
    expect(await page.locator('#result script, #result img').count()).toBe(0);
    playgroundJob = (await page.textContent('#result-id'))!.trim();
    expect(playgroundJob).toMatch(/^[0-9a-f-]{36}$/);
    await screenshot(page, 'playground');
    await page.close();
  });

  it('signs in with an admin key and shows queue, workers and charts', async () => {
    const page = await openPage('/admin');
    await signIn(page, stack.adminKey);
    await page.waitForSelector(`#workers tr[data-worker="${stack.workerId}"]`);
    await page.waitForSelector('#queue-stats #stat-waiting');
    await page.waitForSelector('.charts .uplot');
    const session = (await context.cookies()).find((c) => c.name === 'runq_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.textContent(`#workers tr[data-worker="${stack.workerId}"]`)).toContain('runc');
    // One refresh, so the screenshot shows settled data.
    const shown = await page.textContent('#updated-at');
    await eventually(async () => (await page.textContent('#updated-at')) !== shown, { timeoutMs: 10_000 });
    await screenshot(page, 'admin-overview');
    await page.close();
  });

  it('finds the playground job in the jobs table and opens its detail, output as text', async () => {
    const page = await openPage('/admin#/jobs');
    await page.waitForSelector(`#jobs-table tr[data-job="${playgroundJob}"]`);
    await page.waitForSelector('#filter-language option[value="python"]', { state: 'attached' });
    await page.selectOption('#filter-language', 'python');
    await page.selectOption('#filter-status', 'completed');
    await page.click('#jobs-filters button[type=submit]');
    await page.waitForURL(/status=completed/);
    await page.waitForSelector(`#jobs-table tr[data-job="${playgroundJob}"]`);
    await screenshot(page, 'admin-jobs');

    await page.click(`#jobs-table tr[data-job="${playgroundJob}"] a`);
    await page.waitForSelector(`#job-id:has-text("${playgroundJob}")`);
    expect(await page.textContent('#run-stdout')).toBe(`${xss}\nhello runq\n`);
    expect(await page.locator('.detail script, .detail img').count()).toBe(0);
    expect(await page.textContent('.detail')).toContain('runc');
    await screenshot(page, 'admin-job-detail');
    await page.close();
  });

  it('cancels a long-running job from its detail page', async () => {
    const created = await stack.request('POST', '/jobs', {
      key: stack.userKey,
      body: { language: 'python', code: 'import time\nprint("working", flush=True)\ntime.sleep(120)', limits: { timeoutMs: 120_000 } },
    });
    await stack.waitFor(created.body.id, (job) => job.status === 'running');
    const page = await openPage(`/admin#/jobs/${created.body.id}`);
    await page.waitForSelector('#job-status [data-value="running"]');
    await page.click('#action-cancel');
    await page.waitForSelector('#job-status [data-value="cancelled"]', { timeout: 30_000 });
    expect(await page.isDisabled('#action-cancel')).toBe(true);
    expect((await stack.request('GET', `/jobs/${created.body.id}`)).body.status).toBe('cancelled');
    await screenshot(page, 'admin-job-cancelled');
    await page.close();
  });

  it('shows a function job with its inputs, result, image, logs by level, error and network, and re-runs it whole', async () => {
    const inputs = { name: 'dashboard', numbers: [1, 2, 3] };
    const code = [
      'exports.run = async (inputs) => {',
      "  console.log('starting');",
      "  console.info('summing', inputs.numbers.length, 'numbers');",
      "  console.warn('careful');",
      "  console.error('not really an error');",
      `  return { greeting: 'hello ' + inputs.name, sum: inputs.numbers.reduce((a, b) => a + b, 0), chart: Buffer.from('${PNG}', 'base64') };`,
      '};',
    ].join('\n');
    const created = await stack.request('POST', '/execute?waitMs=55000', {
      key: stack.userKey,
      // Generous limits: the machine may be shared and busy.
      body: {
        language: 'javascript',
        code,
        function: { name: 'run', inputs },
        network: { allow: ['api.example.com'] },
        limits: { timeoutMs: 20_000 },
      },
    });
    expect(created.body).toMatchObject({ outcome: 'ok', result: { sum: 6 } });
    const page = await openPage(`/admin#/jobs/${created.body.id}`);
    await page.waitForSelector('#function-result');
    expect(JSON.parse((await page.textContent('#function-inputs'))!)).toEqual(inputs);
    expect(await page.textContent('#function-name')).toBe('run');
    expect(await page.textContent('#function-network')).toBe('api.example.com');
    const shown = JSON.parse((await page.textContent('#function-result'))!.replace(/"data:image\/png;base64,[^"]*"/, '"<image>"'));
    expect(shown).toEqual({ greeting: 'hello dashboard', sum: 6, chart: '<image>' });
    await page.waitForFunction(`document.querySelector('#function-images img')?.naturalWidth === 120`); // the image decoded
    const levels = await page.$$eval('#function-logs li', (items) => items.map((li) => li.getAttribute('data-level')));
    expect(levels).toEqual(['log', 'info', 'warn', 'error']);
    expect(await page.textContent('#function-logs li[data-level="info"]')).toContain('summing 3 numbers');
    expect(await page.locator('#function-error').count()).toBe(0);
    await screenshot(page, 'admin-job-function');

    await page.click('#action-rerun');
    await page.waitForURL((url) => url.hash.startsWith('#/jobs/') && !url.hash.endsWith(created.body.id));
    await page.waitForSelector('#job-status [data-value="completed"]', { timeout: 60_000 });
    const copy = page.url().split('#/jobs/')[1];
    expect(await page.textContent('#job-outcome')).toBe('ok');
    expect(JSON.parse((await page.textContent('#function-inputs'))!)).toEqual(inputs);
    expect(await page.textContent('#function-network')).toBe('api.example.com');
    expect((await stack.request('GET', `/jobs/${copy}`)).body).toMatchObject({
      result: { greeting: 'hello dashboard', sum: 6 },
      function: { name: 'run' },
      network: { allow: ['api.example.com'] },
    });
    await page.close();
  });

  it('shows a failed function call with the error and its position in the code', async () => {
    const failed = await stack.request('POST', '/execute?waitMs=55000', {
      key: stack.userKey,
      body: {
        language: 'python',
        code: 'def run(inputs):\n    return inputs["missing"]\n',
        function: { name: 'run', inputs: { present: 1 } },
        limits: { timeoutMs: 20_000 },
      },
    });
    expect(failed.body.outcome).toBe('runtime_error');
    const page = await openPage(`/admin#/jobs/${failed.body.id}`);
    await page.waitForSelector('#function-error');
    const error = (await page.textContent('#function-error'))!;
    expect(error).toContain('KeyError');
    expect(error).toContain("'missing'");
    expect(error).toMatch(/at line 2/);
    expect(await page.textContent('#function-result')).toBe('null (the function failed)');
    await page.close();
  });

  it('opens bull-board behind the same session, links back, and after signing out sends the browser to sign in first', async () => {
    const page = await openPage('/admin/queues');
    await page.waitForSelector('text=executions', { timeout: 30_000 });
    await screenshot(page, 'admin-queues');
    // bull-board's menu (top right) leads back to the dashboard.
    await page.click('header [class*="actions-"] button[aria-haspopup="menu"]');
    await page.click('text=← runq dashboard');
    await page.waitForURL(/\/admin$/);
    await page.waitForSelector('#nav-overview');
    await page.goto(stack.url + '/admin');
    await page.click('#logout');
    await page.waitForSelector('#login-form');
    await page.goto(stack.url + '/admin/queues');
    await page.waitForSelector('#login-note');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await signIn(page, stack.adminKey);
    await page.waitForURL(/\/admin\/queues$/);
    await page.waitForSelector('text=executions', { timeout: 30_000 });
    await page.close();
  });

  it('never ran a script from job output', () => {
    expect(dialogs).toEqual([]);
  });
});
