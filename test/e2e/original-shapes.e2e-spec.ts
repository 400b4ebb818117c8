import { Stack } from './support/stack';

jest.setTimeout(300_000);

let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('original-shapes');
});
afterAll(async () => {
  await stack?.stop();
});

/** A request with the user key; the answer must never be a 5xx. */
async function call(method: string, path: string, body?: unknown, key: string | null = stack.userKey) {
  const res = await stack.request(method, path, { body, key });
  expect({ path, status: res.status < 500 ? 'not 5xx' : res.status, body: res.status < 500 ? null : res.body }).toEqual({
    path,
    status: 'not 5xx',
    body: null,
  });
  return res;
}

async function ok(method: string, path: string, body?: unknown) {
  const res = await call(method, path, body);
  if (res.status !== 200) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The newest job of the user key, as GET /jobs lists it. */
async function newestJob() {
  const res = await call('GET', '/jobs?limit=1');
  return res.body.items[0];
}

describe('POST /execute {code, inputs} without language', () => {
  it('evaluates a JavaScript expression in function mode', async () => {
    const job = await ok('POST', '/execute', { code: 'INPUTS.x + INPUTS.y', inputs: { x: 7, y: 8 } });
    expect(job).toMatchObject({ status: 'completed', outcome: 'ok', language: 'javascript', result: 15, error: null });
  });

  it('still refuses code without language or inputs, naming language', async () => {
    const res = await call('POST', '/execute', { code: 'print(1)' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('language');
  });
});

describe('POST / {script, fn, payload, timeout, isolation}', () => {
  it('calls fn with the payload and returns the result with its logs (ts in epoch ms, util.format messages)', async () => {
    const before = Date.now();
    const script =
      'function add(p) {\n  console.log("adding", p.a, p.b);\n  console.warn("%s is %d", "sum", p.a + p.b, { ok: true });\n  return p.a + p.b;\n}';
    const answer = await ok('POST', '/', { script, fn: 'add', payload: { a: 2, b: 3 }, timeout: 10_000, isolation: 'process' });
    expect(answer).toEqual({
      result: 5,
      logs: [
        { ts: expect.any(Number), level: 'log', message: 'adding 2 3' },
        { ts: expect.any(Number), level: 'warn', message: 'sum is 5 { ok: true }' },
      ],
    });
    for (const entry of answer.logs) expect(entry.ts).toBeGreaterThanOrEqual(before - 5_000);
    const job = await newestJob();
    expect(job).toMatchObject({ language: 'javascript', status: 'completed', result: 5 });
  });

  it('awaits an async fn, takes isolation "none", and without fn returns the last expression', async () => {
    const [asyncCall, expression] = await Promise.all([
      ok('POST', '/', { script: 'const twice = async (p) => p.n * 2;', fn: 'twice', payload: { n: 21 }, isolation: 'none' }),
      ok('POST', '/', { script: 'INPUTS.a * INPUTS.b', payload: { a: 6, b: 7 } }),
    ]);
    expect(asyncCall).toEqual({ result: 42, logs: [] });
    // null means absent, as in the native API
    expect(await ok('POST', '/', { script: '6 * 7', fn: null, payload: null, timeout: null, isolation: null })).toEqual({
      result: 42,
      logs: [],
    });
    expect(expression).toEqual({ result: 42, logs: [] });
  });

  it('runs isolation "none" in a V8 isolate (the fastest path) and "process" in a container of its own', async () => {
    const where = async (isolation: string) => {
      expect(await ok('POST', '/', { script: 'INPUTS.n + 1', payload: { n: 1 }, isolation })).toEqual({ result: 2, logs: [] });
      return (await ok('GET', `/jobs/${(await newestJob()).id}`)).timings.isolation;
    };
    expect(await where('none')).toBe('isolate');
    expect(await where('process')).toBe('container');
  });

  it('answers a thrown error and a timeout with HTTP 200 and {"error"}', async () => {
    const [thrown, timeout, syntax] = await Promise.all([
      call('POST', '/', { script: 'function f() { throw new Error("no such user") }', fn: 'f' }),
      call('POST', '/', { script: 'function spin() { for (;;) {} }', fn: 'spin', timeout: 500 }),
      call('POST', '/', { script: 'function f( {', fn: 'f' }),
    ]);
    expect([thrown.status, thrown.body]).toEqual([200, { error: 'no such user' }]);
    expect([timeout.status, timeout.body]).toEqual([200, { error: 'Execution timeout' }]);
    expect(syntax.status).toBe(200);
    expect(Object.keys(syntax.body)).toEqual(['error']);
    expect(syntax.body.error).toMatch(/Unexpected token|SyntaxError|Unexpected end/);
  });
});

describe('POST /api/execute', () => {
  it('without language: JavaScript with its console as values, the result and the execution time', async () => {
    const answer = await ok('POST', '/api/execute', {
      code: 'console.log("sum", { a: 1 }, [2, null]);\nconsole.error(new Error("x").message);\n1 + 2',
    });
    expect(answer).toEqual({
      status: 'success',
      result: 3,
      error: false,
      log: [
        { type: 'log', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), data: ['sum', { a: 1 }, [2, null]] },
        { type: 'error', timestamp: expect.any(String), data: ['x'] },
      ],
      executionTime: expect.any(Number),
    });
    expect(answer.executionTime).toBeGreaterThan(0);
  });

  it('without language: values JSON cannot carry are logged as console.log shows them; large ones as their text', async () => {
    const code = [
      'const o = { get g() { throw new Error("no") }, n: NaN, f() {}, u: undefined, d: new Date(0), e: new RangeError("r") };',
      'console.debug(o);',
      'const big = Array.from({ length: 10000 }, (_, i) => i);',
      'console.warn(big);',
      'o.n',
    ].join('\n');
    const answer = await ok('POST', '/api/execute', { code });
    expect(answer.log[0]).toEqual({
      type: 'debug',
      timestamp: expect.any(String),
      data: [
        {
          g: '[Getter]',
          n: 'NaN',
          f: '[Function: f]',
          u: null,
          d: '1970-01-01T00:00:00.000Z',
          e: { name: 'RangeError', message: 'r', stack: expect.stringContaining('RangeError: r') },
        },
      ],
    });
    expect(answer.log[1]).toEqual({ type: 'warn', timestamp: expect.any(String), data: [expect.stringContaining('9900 more items')] });
    expect(answer).toMatchObject({ status: 'error', error: { name: 'ResultError' } }); // NaN is no JSON result
  });

  it('without language: a thrown error is status "error" with {name, message, stack}', async () => {
    const answer = await ok('POST', '/api/execute', { code: 'console.info("before");\nnull.x' });
    expect(answer).toMatchObject({
      status: 'error',
      result: null,
      error: { name: 'TypeError', message: expect.stringContaining("reading 'x'"), stack: expect.stringContaining('TypeError') },
      log: [{ type: 'info', data: ['before'] }],
    });
  });

  it('with language: a program with stdin, its stdout, stderr and exit code', async () => {
    const [sum, failing] = await Promise.all([
      ok('POST', '/api/execute', { language: 'python', code: 'print(sum(map(int, input().split())))', input: '2 3\n', timeout: 10_000 }),
      ok('POST', '/api/execute', { language: 'python', code: 'import sys\nprint("partial")\nsys.stderr.write("bad\\n")\nsys.exit(3)' }),
    ]);
    expect(sum).toEqual({
      success: true,
      language: 'python',
      output: '5\n',
      error: '',
      exitCode: 0,
      executionTime: expect.any(Number),
      timestamp: expect.stringMatching(/^\d{4}-.*Z$/),
    });
    expect(failing).toMatchObject({ success: false, output: 'partial\n', error: 'bad\n', exitCode: 3 });
  });
});

describe('GET /api/languages and /api/system', () => {
  it('lists the languages with id, name, version and aliases', async () => {
    const languages = await ok('GET', '/api/languages');
    const python = languages.find((l: { id: string }) => l.id === 'python');
    expect(python).toEqual({
      id: 'python',
      name: expect.any(String),
      version: expect.stringMatching(/^\d+\.\d+/),
      aliases: expect.any(Array),
    });
  });

  it('gives any key holder counts and limits: workers, languages, limits, queue', async () => {
    const facts = await ok('GET', '/api/system');
    expect(facts.workers.live).toBeGreaterThanOrEqual(1);
    expect(facts.workers.slots).toBeGreaterThanOrEqual(1);
    expect(facts.languages.available).toBeGreaterThanOrEqual(1);
    expect(facts.limits.maxima.timeoutMs).toBeGreaterThanOrEqual(facts.limits.defaults.timeoutMs);
    expect(facts.queue.pools[0]).toMatchObject({ pool: 'default', waiting: expect.any(Number), active: expect.any(Number) });
    expect(JSON.stringify(facts)).not.toMatch(/rq_|e2e-original-shapes/); // no keys, no worker ids or hosts
  });
});

describe('POST /run/:language', () => {
  it('runs Python with stdin and C through its compiler; output is stdout then stderr', async () => {
    const c =
      '#include <stdio.h>\nint main(void) { int n; scanf("%d", &n); printf("%d\\n", n * n); fprintf(stderr, "done\\n"); return 0; }';
    const [python, compiled] = await Promise.all([
      ok('POST', '/run/python', { code: 'print(input()[::-1])', input: 'stressed\n' }),
      ok('POST', '/run/c', { code: c, input: '12\n' }),
    ]);
    expect(python).toEqual({ stdout: 'desserts\n', stderr: '', exitCode: 0, output: 'desserts\n' });
    expect(compiled).toEqual({ stdout: '144\n', stderr: 'done\n', exitCode: 0, output: '144\ndone\n' });
    expect(await newestJob()).toMatchObject({ status: 'completed' });
  });

  it('answers a compile error with the compiler output and its exit code', async () => {
    const answer = await ok('POST', '/run/c', { code: 'int main(void) { return x; }' });
    expect(answer.exitCode).not.toBe(0);
    expect(answer.stdout).toBe('');
    expect(answer.stderr).toContain('error');
    expect(answer.output).toBe(answer.stderr);
  });
});

describe('binary results in function mode', () => {
  const js = (code: string) => ok('POST', '/execute', { code, inputs: {} });

  it('the PNG signature alone is image/png', async () => {
    const job = await js('Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])');
    expect(job.result).toBe('data:image/png;base64,iVBORw0KGgo=');
  });

  it('keeps the other documented examples: text, JSON, SVG, JPEG, nested', async () => {
    const job = await js(
      [
        '({',
        '  text: Buffer.from("hello"),',
        '  json: new TextEncoder().encode(\'{"a":1}\'),',
        '  svg: Buffer.from(\'<svg xmlns="http://www.w3.org/2000/svg"></svg>\'),',
        '  jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),',
        '  nested: [{ png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }],',
        '})',
      ].join('\n'),
    );
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    expect(job.result).toEqual({
      text: `data:text/plain;base64,${b64('hello')}`,
      json: `data:application/json;base64,${b64('{"a":1}')}`,
      svg: `data:image/svg+xml;base64,${b64('<svg xmlns="http://www.w3.org/2000/svg"></svg>')}`,
      jpeg: expect.stringMatching(/^data:image\/jpeg;base64,\/9j\/4A/),
      nested: [{ png: 'data:image/png;base64,iVBORw0KGgo=' }],
    });
  });
});

describe('bad input and keys', () => {
  it.each([
    ['POST', '/', { script: 42 }, 'script'],
    ['POST', '/', { fn: 'f' }, 'script'],
    ['POST', '/', { script: 'f', fn: '1 + 1' }, 'fn'],
    ['POST', '/', { script: 'f', timeout: 'soon' }, 'timeout'],
    ['POST', '/', { script: 'f', timeout: 99_999_999 }, 'timeout'],
    ['POST', '/', { script: 'f', isolation: 'thread' }, 'isolation'],
    ['POST', '/', { script: '', fn: 'f' }, 'script'],
    ['POST', '/', { script: 'f', extra: 1 }, 'extra'],
    ['POST', '/api/execute', {}, 'code'],
    ['POST', '/api/execute', { code: 'print(1)', language: 'cobra' }, 'language'],
    ['POST', '/api/execute', { code: '1', input: 'x' }, 'input'],
    ['POST', '/api/execute', { code: '1', language: 'python', timeout: -5 }, 'timeout'],
    ['POST', '/run/cobra', { code: 'x' }, 'language'],
    ['POST', '/run/python', { code: '' }, 'code'],
    ['POST', '/run/python', { code: 'x', input: 5 }, 'input'],
  ])('%s %s %j → 400 {"error"} naming %s', async (method, path, body, field) => {
    const res = await call(method, path, body);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(res.body.error).toContain(field);
  });

  it('answers malformed JSON and a payload nested too deep with 400 in the same format', async () => {
    const malformed = await stack.request('POST', '/run/python', { raw: '{"code": ', key: stack.userKey });
    expect([malformed.status, Object.keys(malformed.body)]).toEqual([400, ['error']]);
    expect(malformed.body.error).toContain('JSON');
    let payload: unknown = 1;
    for (let i = 0; i < 200; i++) payload = [payload];
    const deep = await call('POST', '/', { script: 'INPUTS', payload });
    expect([deep.status, Object.keys(deep.body)]).toEqual([400, ['error']]);
    expect(deep.body.error).toContain('payload');
  });

  it('answers a body that is not JSON with 415 in the same format', async () => {
    const res = await stack.request('POST', '/api/execute', {
      raw: 'code=1',
      key: stack.userKey,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect([res.status, Object.keys(res.body)]).toEqual([415, ['error']]);
  });

  it.each([
    ['POST', '/', { script: '1' }],
    ['POST', '/api/execute', { code: '1' }],
    ['GET', '/api/languages', undefined],
    ['GET', '/api/system', undefined],
    ['POST', '/run/python', { code: 'print(1)' }],
  ])('%s %s without a key → 401 {"error"}', async (method, path, body) => {
    const res = await call(method, path, body, null);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: expect.stringContaining('API key') });
  });

  it('keeps GET / as the redirect to the playground', async () => {
    const res = await fetch(`${stack.url}/`, { redirect: 'manual' });
    expect([res.status, res.headers.get('location')]).toEqual([302, '/playground']);
  });
});
