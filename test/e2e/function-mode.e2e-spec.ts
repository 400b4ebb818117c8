import { executeFunction, startFunctionStack } from './support/function-stack';
import type { Stack } from './support/stack';
import { freeLoopbackPort, WireMock } from './support/wiremock';

jest.setTimeout(300_000);

const json = (body: object) => ({ status: 200, headers: { 'Content-Type': 'application/json' }, jsonBody: body });
const wiremock = new WireMock([
  { request: { method: 'GET', urlPathPattern: '/api/todos/[0-9]+' }, response: json({ id: 1, title: 'Write tests', completed: false }) },
  {
    request: { method: 'GET', urlPath: '/api/users' },
    response: json([
      { id: 1, name: 'Ada' },
      { id: 2, name: 'Linus' },
    ]),
  },
  { request: { method: 'GET', urlPath: '/api/data' }, response: json({ message: 'Hello from WireMock!', value: 42 }) },
  { request: { method: 'POST', urlPath: '/api/data' }, response: json({ success: true }) },
  { request: { method: 'GET', urlPath: '/api/slow' }, response: { ...json({ slow: true }), fixedDelayMilliseconds: 10000 } },
  {
    request: { method: 'GET', urlPath: '/api/to-metadata' },
    response: { status: 302, headers: { Location: 'http://169.254.169.254/latest/meta-data/' } },
  },
  { request: { method: 'GET', urlPath: '/api/to-wiremock' }, response: { status: 302, headers: { Location: '/api/data' } } },
]);

/** A 1×1 PNG and the start of a JPEG (JFIF), as base64. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]).toString(
  'base64',
);

let stack: Stack;
let closedPort = 0;
beforeAll(async () => {
  await wiremock.start();
  closedPort = await freeLoopbackPort();
  stack = await startFunctionStack('function', 6, '127.0.0.1,169.254.169.254,wiremock.invalid,*.example.com', wiremock.port, {
    RUNQ_EGRESS_MAX_REQUESTS: '5',
  });
});
afterAll(async () => {
  await stack?.stop();
  await wiremock.stop();
});

const execute = (body: object) => executeFunction(stack, body);

const network = () => ({ allow: [`127.0.0.1:${wiremock.port}`, '169.254.169.254'] });

/*
 * The JavaScript and TypeScript cases that must answer alike in a container and in an isolate
 * are one table in function-isolation.e2e-spec.ts, run in both modes; here are Python's, and
 * what only the container path has (Node.js's Buffer and process, stdout beside the result).
 */
describe('function mode: values', () => {
  it('evaluates the expression form with top-level inputs in Python', async () => {
    const py = await execute({ language: 'python', code: 'INPUTS["x"] + INPUTS["y"]', inputs: { x: 5, y: 10 } });
    expect(py).toMatchObject({ status: 'completed', outcome: 'ok', result: 15, error: null, function: { name: null } });
  });

  it('calls an exported run(inputs) in Python, sync and async', async () => {
    const inputs = { items: [1, 2, 3] };
    const [py, pyAsync] = await Promise.all([
      execute({ language: 'python', code: 'def run(inputs):\n    return sum(inputs["items"])\n', function: { name: 'run', inputs } }),
      execute({
        language: 'python',
        code: 'import asyncio\nasync def run(inputs):\n    await asyncio.sleep(0.01)\n    return {"n": len(inputs["items"])}\n',
        function: { name: 'run', inputs },
      }),
    ]);
    expect(py).toMatchObject({ outcome: 'ok', result: 6, function: { name: 'run' } });
    expect(pyAsync).toMatchObject({ outcome: 'ok', result: { n: 3 } });
  });

  it('keeps the result apart from what the code prints', async () => {
    const [printed, pyPrinted] = await Promise.all([
      execute({ language: 'javascript', code: 'process.stdout.write("not a result\\n"); ({ ok: true })', inputs: {} }),
      execute({ language: 'python', code: 'print("hello from print")\n{"ok": True}', inputs: {} }),
    ]);
    expect(printed).toMatchObject({ outcome: 'ok', result: { ok: true } });
    expect(printed.run.stdout).toBe('not a result\n');
    expect(pyPrinted).toMatchObject({ outcome: 'ok', result: { ok: true } });
    expect(pyPrinted.run.stdout).toBe('hello from print\n');
  });

  it('turns byte arrays anywhere in the result into data URIs with the detected MIME type', async () => {
    const code = `
      const png = Buffer.from('${PNG}', 'base64');
      const jpeg = new Uint8Array(Buffer.from('${JPEG}', 'base64'));
      const svg = Buffer.from('<?xml version="1.0"?>\\n<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>');
      ({ images: { png, jpeg, list: [svg, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')] },
         json: new TextEncoder().encode('{"a": 1}').buffer, text: Buffer.from('plain words'), raw: Buffer.from([0, 1, 2, 3]) })`;
    const [js, py] = await Promise.all([
      execute({ language: 'javascript', code, inputs: {} }),
      execute({ language: 'python', code: `import base64\n{"png": base64.b64decode("${PNG}"), "nested": [b"hello"]}`, inputs: {} }),
    ]);
    expect(js.outcome).toBe('ok');
    expect(js.result.images.png).toBe(`data:image/png;base64,${PNG}`);
    expect(js.result.images.jpeg).toBe(`data:image/jpeg;base64,${JPEG}`);
    expect(js.result.images.list[0]).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(js.result.images.list[1]).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(js.result.json).toBe(`data:application/json;base64,${Buffer.from('{"a": 1}').toString('base64')}`);
    expect(js.result.text).toBe(`data:text/plain;base64,${Buffer.from('plain words').toString('base64')}`);
    expect(js.result.raw).toBe('data:application/octet-stream;base64,AAECAw==');
    expect(py).toMatchObject({
      outcome: 'ok',
      result: { png: `data:image/png;base64,${PNG}`, nested: ['data:text/plain;base64,aGVsbG8='] },
    });
  });

  it('refuses results JSON cannot carry in Python', async () => {
    const py = await execute({ language: 'python', code: '{"s": {1, 2}}', inputs: {} });
    expect(py).toMatchObject({
      outcome: 'runtime_error',
      error: { name: 'ResultError', message: expect.stringMatching(/result\.s is a set/) },
    });
  });
});

describe('function mode: logs and errors', () => {
  it('captures Python logging as logs (print stays stdout)', async () => {
    const py = await execute({
      language: 'python',
      code: 'import logging\nprint("out")\nlogging.debug("d")\nlogging.info("i")\nlogging.warning("w")\nlogging.error("e")\n1',
      inputs: {},
    });
    expect(py.logs.map((l: any) => [l.level, l.message])).toEqual([
      ['debug', 'd'],
      ['info', 'i'],
      ['warn', 'w'],
      ['error', 'e'],
    ]);
    expect(py.run.stdout).toBe('out\n');
  });

  it('reports a thrown Python error with the line in the user code', async () => {
    const py = await execute({
      language: 'python',
      code: 'def run(inputs):\n    x = 1\n    raise ValueError("nope")\n',
      function: { name: 'run' },
    });
    expect(py).toMatchObject({ outcome: 'runtime_error', error: { name: 'ValueError', message: 'nope', line: 3 } });
    expect(py.error.stack).toMatch(/main\.py", line 3/);
    expect(py.error.stack).not.toMatch(/harness/);
  });

  it('reports a Python syntax error as compile_error with its line', async () => {
    const py = await execute({ language: 'python', code: 'x = 1\ny = (2\n', inputs: {} });
    expect(py).toMatchObject({ outcome: 'compile_error', error: { name: 'SyntaxError', line: 2 } });
  });
});

describe('function mode: HTTP egress', () => {
  it('reaches an allowed host with httpGet, fetch and http_get', async () => {
    const base = wiremock.url;
    const [sync, post, fetched, py, ts] = await Promise.all([
      execute({ language: 'javascript', code: `httpGet("${base}/api/data").data.message`, inputs: {}, network: network() }),
      execute({
        language: 'javascript',
        code: `const r = httpGet("${base}/api/data", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ a: 1 }) });\n({ status: r.status, ok: r.ok, data: r.data, todo: httpGet("${base}/api/todos/7").data.title, users: httpGet("${base}/api/users").data.length })`,
        inputs: {},
        network: network(),
      }),
      execute({
        language: 'javascript',
        code: `exports.run = async () => { const r = await fetch("${base}/api/to-wiremock"); return { status: r.status, redirected: r.redirected, body: await r.json() }; };`,
        function: { name: 'run' },
        network: network(),
      }),
      execute({ language: 'python', code: `http_get("${base}/api/data")["data"]["value"]`, inputs: {}, network: network() }),
      execute({ language: 'typescript', code: `const r = httpGet("${base}/api/data");\nr.data.message`, inputs: {}, network: network() }),
    ]);
    expect(sync).toMatchObject({ outcome: 'ok', result: 'Hello from WireMock!' });
    expect(post).toMatchObject({
      outcome: 'ok',
      result: { status: 200, ok: true, data: { success: true }, todo: 'Write tests', users: 2 },
    });
    expect(fetched).toMatchObject({ outcome: 'ok', result: { status: 200, redirected: true, body: { value: 42 } } });
    expect(py).toMatchObject({ outcome: 'ok', result: 42 });
    expect(ts).toMatchObject({ outcome: 'ok', result: 'Hello from WireMock!' });
    // Every request is in the logs: method, URL, status, time.
    expect(sync.logs).toEqual([
      expect.objectContaining({ level: 'info', message: expect.stringMatching(new RegExp(`GET ${base}/api/data → 200 \\(\\d+ ms\\)`)) }),
    ]);
    expect(post.logs.filter((l: any) => l.message.includes('[egress]'))).toHaveLength(3);
  });

  it('refuses hosts outside the allow-list, loopback, metadata, private redirects, and times out', async () => {
    // The job may ask for 127.0.0.1 on any port; the operator allows only WireMock's port among non-public addresses.
    const allow = { allow: ['127.0.0.1', '169.254.169.254'] };
    const attempt = (url: string) =>
      execute({
        language: 'javascript',
        code: `try { httpGet(${JSON.stringify(url)}); "reached" } catch (e) { e.message }`,
        inputs: {},
        network: allow,
      });
    const [other, loopback, metadata, redirect, slow] = await Promise.all([
      attempt('http://api.example.com/x'),
      attempt(`http://127.0.0.1:${closedPort}/`),
      attempt('http://169.254.169.254/latest/meta-data/'),
      attempt(`${wiremock.url}/api/to-metadata`),
      attempt(`${wiremock.url}/api/slow`),
    ]);
    expect(other.result).toMatch(/api\.example\.com:80 is not in this job's network\.allow/);
    expect(loopback.result).toMatch(/refused: 127\.0\.0\.1 is a loopback address/);
    expect(metadata.result).toMatch(/refused: 169\.254\.169\.254 is a link-local address/);
    expect(redirect.result).toMatch(/refused: 169\.254\.169\.254 is a link-local address/);
    expect(slow.result).toMatch(/timed out after 3000 ms/);
    expect(redirect.logs[0].message).toMatch(/\[egress\] GET .*\/api\/to-metadata refused/);
    const py = await execute({
      language: 'python',
      code: `try:\n    http_get("http://169.254.169.254/")\nexcept Exception as e:\n    r = str(e)\nr`,
      inputs: {},
      network: network(),
    });
    expect(py.result).toMatch(/link-local/);
  });

  it('caps the number of requests per job and has no network without network.allow', async () => {
    const capped = await execute({
      language: 'javascript',
      code: `const out = []; for (let i = 0; i < 7; i++) { try { out.push(httpGet("${wiremock.url}/api/data").status) } catch (e) { out.push(e.message) } } out`,
      inputs: {},
      network: network(),
    });
    expect(capped.result.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(capped.result[5]).toMatch(/at most 5 requests/);
    const off = await execute({ language: 'javascript', code: `httpGet("${wiremock.url}/api/data")`, inputs: {} });
    expect(off).toMatchObject({
      outcome: 'runtime_error',
      error: { name: 'EgressError', message: expect.stringMatching(/network access is off/) },
    });
  });
});

describe('function mode: requests', () => {
  it('validates function, inputs and network with 400s naming the field', async () => {
    const post = (body: object | string) =>
      stack.request('POST', '/jobs', typeof body === 'string' ? { raw: body, key: stack.userKey } : { body, key: stack.userKey });
    // Far deeper than a recursive walk survives: the answer must still be a 400.
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const cases: [object | string, RegExp][] = [
      [{ language: 'c', code: 'int main(){}', function: { name: 'run' } }, /function mode is available for javascript, typescript, python/],
      [`{"language":"javascript","code":"1","inputs":${deep}}`, /inputs is nested more than 32 levels deep/],
      [`{"language":"javascript","code":"1","function":{"inputs":${deep}}}`, /function\.inputs is nested more than 32 levels deep/],
      [
        { language: 'javascript', code: '1', inputs: JSON.parse('['.repeat(33) + ']'.repeat(33)) },
        /inputs is nested more than 32 levels deep/,
      ],
      [{ language: 'javascript', code: '1', function: { name: '1bad' } }, /function\.name must be an identifier/],
      [
        { language: 'javascript', code: '1', inputs: {}, network: { allow: ['evil.com'] } },
        /network\.allow\[0\] "evil\.com" is outside this server's egress policy/,
      ],
      [{ language: 'javascript', code: '1', network: { allow: ['127.0.0.1'] } }, /network needs function mode/],
      [{ language: 'javascript', code: '1', inputs: { a: 'x'.repeat(1024 * 1024) } }, /inputs must be at most \d+ bytes/],
      [{ language: 'python', code: '1', inputs: {}, tests: [{ expectedOutput: '1' }] }, /cannot be combined with tests/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect([res.body.message].flat().join('\n')).toMatch(message);
    }
  });

  it('stores the function, result and logs on the job (GET /jobs/:id)', async () => {
    const done = await execute({ language: 'javascript', code: 'console.info("hi"); INPUTS.n * 2', inputs: { n: 21 } });
    const res = await stack.request('GET', `/jobs/${done.id}`, { key: stack.userKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      outcome: 'ok',
      result: 42,
      function: { name: null },
      logs: [{ level: 'info', message: 'hi' }],
      error: null,
    });
    expect(res.body).not.toHaveProperty('function.inputs');
    // Stored as json, not jsonb: the keys of the user's objects keep their order.
    const ordered = await execute({ language: 'python', code: '{"zeta": 1, "alpha": {"b": 2, "a": 1}}', inputs: { z: 1, a: 2 } });
    expect(JSON.stringify(ordered.result)).toBe('{"zeta":1,"alpha":{"b":2,"a":1}}');
    const plain = await execute({ language: 'javascript', code: 'console.log(1)' });
    expect(plain).not.toHaveProperty('result');
  });
});
