import type { BrowserContext, Page } from 'playwright-core';
import { editorText, screenshot, typeCode } from './support/browser';
import { barChartPng } from './support/png';
import { BrowserStack } from './support/browser-stack';
import type { Stack } from './support/stack';

jest.setTimeout(180_000);

/**
 * The playground's forms in a real Chromium against the real API, worker, Docker, Redis and
 * Postgres: several files, arguments, stdin, limits, compile options, test cases, and function
 * mode with JSON inputs. What the page sent is checked through the API, not only what it shows.
 */
const browserStack = new BrowserStack();
let stack: Stack;
let context: BrowserContext;
const dialogs: string[] = [];

/** A 120×64 bar chart of the function's numbers, which it returns as bytes. */
const PNG = barChartPng([4, 5]);

beforeAll(async () => {
  ({ stack, context } = await browserStack.start('playground', 4, { RUNQ_EGRESS_ALLOW: '*.example.com' }));
});
afterAll(() => browserStack.stop());

/** The playground with `key` entered (its change event loads the language defaults and the key's role). */
async function openPlayground(key: string, language: string): Promise<Page> {
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  await page.goto(`${stack.url}/playground`);
  await page.waitForSelector(`#language option[value="${language}"]`, { state: 'attached' });
  await page.selectOption('#language', language);
  await page.fill('#api-key', key);
  await page.press('#api-key', 'Tab');
  await page.waitForSelector('#key-role:not(:empty)');
  return page;
}

async function runAndWait(page: Page, outcome: string): Promise<string> {
  await page.click('#run');
  await page.waitForSelector(`#result-outcome [data-value="${outcome}"]`, { timeout: 60_000 });
  return (await page.textContent('#result-id'))!.trim();
}

describe('playground in a browser', () => {
  it('runs several files with arguments, stdin and limits, then the same program against test cases', async () => {
    const page = await openPlayground(stack.userKey, 'python');
    expect(await page.textContent('#key-role')).toBe('user key');
    await typeCode(page, 'import sys\nfrom helper import shout\nprint(sys.argv[1:])\nprint(shout(sys.stdin.read()))\n');
    await page.click('#add-file');
    await page.fill('.tab-rename', 'helper.py');
    await page.press('.tab-rename', 'Enter');
    await page.waitForSelector('.tab.active[data-file="helper.py"]');
    expect(await editorText(page)).toBe('');
    await typeCode(page, 'def shout(text):\n    return text.strip().upper()\n');
    await page.click('.tab[data-file="main.py"] .tab-name');
    expect(await editorText(page)).toContain('from helper import shout');
    await page.fill('#args', 'hello\nbig world');
    await page.fill('#stdin', 'from stdin');
    await page.click('#settings-panel summary');
    // The language's defaults, read with the key from GET /languages, are the placeholders.
    const languages = await stack.request('GET', '/languages', { key: stack.userKey });
    const python = languages.body.find((l: { id: string }) => l.id === 'python');
    expect(await page.getAttribute('#limit-memoryMb', 'placeholder')).toBe(String(python.limits.memoryMb));
    // Only the limits this server has are offered.
    for (const [limit, shown] of [
      ['timeoutMs', true],
      ['cpuTimeMs', 'cpuTimeMs' in python.limits],
    ] as const)
      expect(await page.isVisible(`[data-limit="${limit}"]`)).toBe(shown);
    await page.fill('#limit-timeoutMs', '15000');
    await page.fill('#limit-cpus', '0.5');

    const first = await runAndWait(page, 'ok');
    expect(await page.textContent('#run-stdout')).toBe("['hello', 'big world']\nFROM STDIN\n");
    const sent = (await stack.request('GET', `/admin/api/jobs/${first}`)).body;
    expect(sent.files).toEqual([
      { name: 'main.py', content: expect.stringContaining('from helper import shout'), encoding: 'utf8' },
      { name: 'helper.py', content: 'def shout(text):\n    return text.strip().upper()\n', encoding: 'utf8' },
    ]);
    expect(sent).toMatchObject({ args: ['hello', 'big world'], stdin: 'from stdin', limits: { timeoutMs: 15_000, cpus: 0.5 } });
    expect(sent.limits.memoryMb).toBe(python.limits.memoryMb);

    await page.click('#tests-panel summary');
    for (let i = 0; i < 3; i++) await page.click('#add-case');
    await page.click('.case[data-case="1"] .case-remove');
    expect(await page.locator('.case').count()).toBe(2);
    expect(await page.textContent('#tests-count')).toBe('(2)');
    await page.fill('.case[data-case="0"] .case-stdin', 'abc');
    await page.fill('.case[data-case="0"] .case-expected', "['hello', 'big world']\nABC");
    await page.fill('.case[data-case="1"] .case-stdin', 'x');
    await page.fill('.case[data-case="1"] .case-expected', "['hello', 'big world']\nnope");
    const judged = await runAndWait(page, 'wrong_answer');
    expect(await page.textContent('#result-tests h3')).toBe('Test cases: 1 of 2 passed');
    expect(await page.getAttribute('.case-result[data-case="0"]', 'data-outcome')).toBe('ok');
    expect(await page.getAttribute('.case-result[data-case="1"]', 'data-outcome')).toBe('wrong_answer');
    expect(await page.textContent('#test-1-stdout')).toBe("['hello', 'big world']\nX\n");
    expect(await page.textContent('#test-1-expected')).toBe("['hello', 'big world']\nnope");
    expect((await stack.request('GET', `/admin/api/jobs/${judged}`)).body.testCases).toEqual([
      { stdin: 'abc', expectedOutput: "['hello', 'big world']\nABC", encoding: 'utf8' },
      { stdin: 'x', expectedOutput: "['hello', 'big world']\nnope", encoding: 'utf8' },
    ]);
    await screenshot(page, 'playground-files-tests');

    await page.click('.tab[data-file="helper.py"] .tab-close');
    expect(await page.locator('.tab').count()).toBe(1);
    await page.close();
  });

  it('sends the compile options and limits chosen for a compiled language', async () => {
    const page = await openPlayground(stack.userKey, 'c');
    await page.click('#settings-panel summary');
    await page.check('#compile-options input[value="-Wall"]');
    await page.check('#compile-options input[value="-O2"]');
    await page.fill('#limit-memoryMb', '64');
    await page.fill('#limit-timeoutMs', '20000');
    const id = await runAndWait(page, 'ok');
    const job = (await stack.request('GET', `/jobs/${id}`, { key: stack.userKey })).body;
    expect([...job.compileOptions].sort()).toEqual(['-O2', '-Wall']);
    expect(job.limits.memoryMb).toBe(64);
    expect(job.compile).not.toBeNull();
    await page.close();
  });

  it('calls a function with JSON inputs and shows its result, image, logs by level and error', async () => {
    const page = await openPlayground(stack.userKey, 'javascript');
    await page.selectOption('#mode', 'function');
    await page.waitForSelector('#function-panel:not([hidden])');
    expect(await page.inputValue('#function-name')).toBe('run');
    expect(await page.isHidden('#tests-panel')).toBe(true);
    await typeCode(
      page,
      [
        'exports.run = async (inputs) => {',
        "  console.info('summing', inputs.numbers.length, 'numbers');",
        "  console.warn('careful');",
        '  const sum = inputs.numbers.reduce((a, b) => a + b, 0);',
        `  return { greeting: \`hello \${inputs.name}\`, sum, image: Buffer.from('${PNG}', 'base64') };`,
        '};',
        '',
      ].join('\n'),
    );
    await typeCode(page, '{"name": "e2e", "numbers": [4, 5', '#inputs-editor');
    await page.waitForSelector('#inputs-error:has-text("inputs is not valid JSON")');
    await page.click('#run');
    expect(await page.textContent('#run-error')).toContain('inputs is not valid JSON');
    await typeCode(page, '{"name": "e2e", "numbers": [4, 5]}', '#inputs-editor');
    expect(await page.textContent('#inputs-error')).toBe('');
    await page.fill('#network-allow', 'api.example.com');
    await page.click('#settings-panel summary');
    await page.fill('#limit-timeoutMs', '20000'); // generous: the machine may be shared and busy

    const id = await runAndWait(page, 'ok');
    const result = JSON.parse((await page.textContent('#fn-result'))!.replace(/"data:image\/png;base64,[^"]*"/, '"<image>"'));
    expect(result).toEqual({ greeting: 'hello e2e', sum: 9, image: '<image>' });
    await page.waitForFunction(`document.querySelector('#fn-images img')?.naturalWidth === 120`); // the image decoded
    expect(await page.textContent('#fn-logs li[data-level="info"]')).toContain('summing 2 numbers');
    expect(await page.textContent('#fn-logs li[data-level="warn"]')).toContain('careful');
    expect(await page.textContent('#fn-network')).toBe('api.example.com');
    expect(await page.locator('#result-dashboard').count()).toBe(0); // a user key cannot open the dashboard
    const job = (await stack.request('GET', `/admin/api/jobs/${id}`)).body;
    expect(job).toMatchObject({
      function: { name: 'run', inputs: { name: 'e2e', numbers: [4, 5] } },
      network: { allow: ['api.example.com'] },
    });
    await screenshot(page, 'playground-function');

    await typeCode(page, 'exports.run = (inputs) => {\n  return inputs.missing.deep;\n};\n');
    await runAndWait(page, 'runtime_error');
    expect(await page.textContent('#fn-error')).toMatch(/TypeError: .*deep.* at line 2, column \d+/s);
    await page.close();
  });

  it('asks for artifacts and shows an image inline and links the other files', async () => {
    const page = await openPlayground(stack.userKey, 'python');
    await typeCode(
      page,
      `import base64\nopen("chart.png", "wb").write(base64.b64decode("${PNG}"))\nopen("table.csv", "w").write("a,b\\n1,2\\n")\n`,
    );
    await page.click('#settings-panel summary');
    await page.fill('#artifacts', '*.png\n*.csv');
    const id = await runAndWait(page, 'ok');
    expect((await stack.request('GET', `/jobs/${id}`, { key: stack.userKey })).body.artifactPatterns).toEqual(['*.png', '*.csv']);
    await page.waitForFunction(`document.querySelector('#result-artifacts li[data-artifact="chart.png"] img')?.naturalWidth === 120`);
    const csv = page.locator('#result-artifacts li[data-artifact="table.csv"]');
    expect(await csv.locator('img').count()).toBe(0);
    expect(await csv.locator('a').getAttribute('download')).toBe('table.csv');
    expect(await csv.textContent()).toContain('text/csv');
    await page.close();
  });

  it('links an admin key’s job to its dashboard page', async () => {
    const page = await openPlayground(stack.adminKey, 'python');
    expect(await page.textContent('#key-role')).toBe('admin: jobs link to the dashboard');
    const id = await runAndWait(page, 'ok');
    expect(await page.getAttribute('#result-dashboard', 'href')).toBe(`/admin#/jobs/${id}`);
    await page.close();
  });

  it('never ran a script or opened a dialog', () => {
    expect(dialogs).toEqual([]);
  });
});
