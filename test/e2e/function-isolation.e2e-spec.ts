import { executeFunction, startFunctionStack } from './support/function-stack';
import type { Stack } from './support/stack';
import { WireMock } from './support/wiremock';
import { eventually } from './support/eventually';
import { sandboxContainers } from './support/services';

/**
 * The JavaScript and TypeScript function-mode cases, one table run in both isolation modes:
 * the same requests must give the same answers in a container of their own and in an isolate
 * of a sandbox host. Isolate-only behaviour (no host objects, hosts in heartbeats) follows;
 * Python's cases and the container's own (Buffer, process, stdout) are in function-mode.e2e-spec.ts.
 */
jest.setTimeout(300_000);

const wiremock = new WireMock([
  {
    request: { method: 'GET', urlPath: '/api/data' },
    response: { status: 200, headers: { 'Content-Type': 'application/json' }, jsonBody: { message: 'Hello from WireMock!', value: 42 } },
  },
]);

/** A 1×1 PNG, written as a byte array literal (an isolate has no Buffer). */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PNG_BYTES = `new Uint8Array([${[...Buffer.from(PNG, 'base64')].join(',')}])`;

let stack: Stack;
beforeAll(async () => {
  await wiremock.start();
  stack = await startFunctionStack('isolation', 7, '127.0.0.1,*.example.com', wiremock.port);
});
afterAll(async () => {
  await stack?.stop();
  await wiremock.stop();
});

const execute = (body: object) => executeFunction(stack, body);

describe.each(['container', 'isolate'] as const)('function mode, isolation %s', (isolation) => {
  const run = (body: object) => execute({ ...body, isolation });

  it('evaluates the expression form in JavaScript and TypeScript, and says where it ran', async () => {
    const [js, ts] = await Promise.all([
      run({ language: 'javascript', code: 'INPUTS.x + INPUTS.y', inputs: { x: 5, y: 10 } }),
      run({ language: 'typescript', code: 'const sum: number = INPUTS.x + INPUTS.y;\nsum', inputs: { x: 5, y: 10 } }),
    ]);
    for (const job of [js, ts]) {
      expect(job).toMatchObject({
        status: 'completed',
        outcome: 'ok',
        result: 15,
        error: null,
        function: { name: null },
        isolation,
        timings: { isolation },
      });
    }
  });

  it('calls an exported function: CommonJS, async with a timer, ES module, TypeScript', async () => {
    const inputs = { items: [1, 2, 3] };
    const [cjs, asyncJs, esm, ts, undef] = await Promise.all([
      run({ language: 'javascript', code: 'exports.run = (i) => i.items.map((n) => n * 2);', function: { name: 'run', inputs } }),
      run({
        language: 'javascript',
        code: 'module.exports.run = async (i) => { await new Promise((r) => setTimeout(r, 20)); return { total: i.items.reduce((a, b) => a + b, 0) }; };',
        function: { name: 'run', inputs },
      }),
      run({ language: 'javascript', code: 'export async function run(i) { return i.items.length; }', function: { name: 'run', inputs } }),
      run({
        language: 'typescript',
        code: 'export async function run(i: { items: number[] }): Promise<number> {\n  return Math.max(...i.items);\n}\n',
        function: { name: 'run', inputs },
      }),
      run({ language: 'javascript', code: 'exports.run = () => undefined;', function: { name: 'run' } }),
    ]);
    expect(cjs).toMatchObject({ outcome: 'ok', result: [2, 4, 6], function: { name: 'run' } });
    expect(asyncJs).toMatchObject({ outcome: 'ok', result: { total: 6 } });
    expect(esm).toMatchObject({ outcome: 'ok', result: 3 });
    expect(ts).toMatchObject({ outcome: 'ok', result: 3 });
    expect(undef).toMatchObject({ outcome: 'ok', result: null });
    const missing = await run({ language: 'javascript', code: 'exports.other = () => 1;', function: { name: 'run' } });
    expect(missing).toMatchObject({
      outcome: 'runtime_error',
      error: { name: 'FunctionNotFound', message: expect.stringMatching(/it exports: other/) },
    });
  });

  it('turns byte arrays into data URIs and refuses values JSON cannot carry', async () => {
    const bytes = await run({
      language: 'javascript',
      code: `({ png: ${PNG_BYTES}, raw: new Uint8Array([0, 1, 2, 3]).buffer })`,
      inputs: {},
    });
    expect(bytes).toMatchObject({
      outcome: 'ok',
      result: { png: `data:image/png;base64,${PNG}`, raw: 'data:application/octet-stream;base64,AAECAw==' },
    });
    const cases = [
      '({ f: () => 1 })',
      '(() => { const o = {}; o.self = o; return o; })()',
      '({ big: 10n })',
      '[1, NaN]',
      '"x".repeat(2 * 1024 * 1024)',
    ];
    const jobs = await Promise.all(cases.map((code) => run({ language: 'javascript', code, inputs: {} })));
    for (const job of jobs) expect(job).toMatchObject({ outcome: 'runtime_error', result: null, error: { name: 'ResultError' } });
    expect(jobs.map((job) => job.error.message)).toEqual([
      expect.stringMatching(/result\.f is a function/),
      expect.stringMatching(/cycle/),
      expect.stringMatching(/BigInt/),
      expect.stringMatching(/result\[1\] is NaN/),
      expect.stringMatching(/more than the limit of/),
    ]);
  });

  it('captures console levels as logs', async () => {
    const js = await run({
      language: 'javascript',
      code: 'console.log("l", {a: 1}); console.info("i"); console.warn("w"); console.error("e"); console.debug("d"); 7',
      inputs: {},
    });
    expect(js).toMatchObject({ outcome: 'ok', result: 7 });
    expect(js.logs.map((l: { level: string; message: string }) => [l.level, l.message])).toEqual([
      ['log', 'l { a: 1 }'],
      ['info', 'i'],
      ['warn', 'w'],
      ['error', 'e'],
      ['debug', 'd'],
    ]);
    expect(js.run.stdout).toBe('');
    expect(new Date(js.logs[0].ts).getTime()).toBeGreaterThan(Date.now() - 120_000);
  });

  it('reports thrown errors at the user line (TypeScript mapped back) and syntax errors as compile_error', async () => {
    const [js, ts, syntax, tsSyntax] = await Promise.all([
      run({ language: 'javascript', code: 'const a = 1;\n\nfunction f() {\n  throw new TypeError("bad input");\n}\nf();\n', inputs: {} }),
      run({
        language: 'typescript',
        code: 'export function run(i: any): number {\n  const n: number = 1;\n  throw new RangeError("too far " + n);\n}\n',
        function: { name: 'run' },
      }),
      run({ language: 'javascript', code: 'const a = 1;\nlet b = ;\n', inputs: {} }),
      run({ language: 'typescript', code: 'const a: number = 1;\nlet b = ;\n', inputs: {} }),
    ]);
    expect(js).toMatchObject({ outcome: 'runtime_error', result: null, error: { name: 'TypeError', message: 'bad input', line: 4 } });
    expect(js.error.stack).toMatch(/main\.js:4:/);
    expect(js.error.stack).not.toMatch(/runq\/fn|node:internal|isolate-host|runq:bootstrap/);
    expect(ts).toMatchObject({ outcome: 'runtime_error', error: { name: 'RangeError', message: 'too far 1', line: 3 } });
    expect(ts.error.stack).toMatch(/main\.ts:3:/);
    expect(syntax).toMatchObject({ outcome: 'compile_error', error: { name: 'SyntaxError', line: 2, column: 9 } });
    expect(tsSyntax).toMatchObject({ outcome: 'compile_error', error: { name: 'CompileError', line: 2 } });
  });

  it('reaches an allowed host through the egress proxy, and only that', async () => {
    const allow = { allow: [`127.0.0.1:${wiremock.port}`] };
    const [sync, fetched, refused] = await Promise.all([
      run({ language: 'javascript', code: `httpGet("${wiremock.url}/api/data").data.message`, inputs: {}, network: allow }),
      run({
        language: 'javascript',
        code: `exports.run = async () => { const r = await fetch("${wiremock.url}/api/data"); return { status: r.status, body: await r.json() }; };`,
        function: { name: 'run' },
        network: allow,
      }),
      run({
        language: 'javascript',
        code: 'try { httpGet("http://api.example.com/x"); "reached" } catch (e) { e.message }',
        inputs: {},
        network: allow,
      }),
    ]);
    expect(sync).toMatchObject({ outcome: 'ok', result: 'Hello from WireMock!' });
    expect(sync.logs).toEqual([
      expect.objectContaining({ level: 'info', message: expect.stringMatching(/\[egress\] GET .*\/api\/data → 200/) }),
    ]);
    expect(fetched).toMatchObject({ outcome: 'ok', result: { status: 200, body: { value: 42 } } });
    expect(refused.result).toMatch(/api\.example\.com:80 is not in this job's network\.allow/);
    const off = await run({ language: 'javascript', code: `httpGet("${wiremock.url}/api/data")`, inputs: {} });
    expect(off).toMatchObject({
      outcome: 'runtime_error',
      error: { name: 'EgressError', message: expect.stringMatching(/network access is off/) },
    });
  });

  it('ends a busy loop at the time limit and a memory bomb at the memory limit', async () => {
    const [busy, bomb] = await Promise.all([
      run({ language: 'javascript', code: 'while (true) {}', inputs: {}, limits: { timeoutMs: 1500, cpuTimeMs: 1000 } }),
      run({
        language: 'javascript',
        code: 'const a = []; while (true) a.push(new Array(1e5).fill(a.length));',
        inputs: {},
        limits: { timeoutMs: 20_000, memoryMb: 64 },
      }),
    ]);
    expect(busy).toMatchObject({ outcome: 'timeout', result: null });
    expect(bomb).toMatchObject({ outcome: 'memory_limit', result: null });
  });
});

describe('isolate mode', () => {
  it('gives the code no host objects and keeps nothing from one job to the next', async () => {
    const probe = await execute({
      language: 'javascript',
      code: '[typeof process, typeof require, typeof Buffer, typeof WebAssembly, typeof Deno, typeof Bun, (() => { try { return typeof Function("return process")() } catch (e) { return e.name } })()]',
      inputs: {},
      isolation: 'isolate',
    });
    expect(probe).toMatchObject({
      outcome: 'ok',
      result: ['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'ReferenceError'],
    });
    const polluter = await execute({
      language: 'javascript',
      code: 'Object.prototype.polluted = 1; Array.prototype.push = () => 0; globalThis.leak = 2; setTimeout(() => {}, 60000); "done"',
      inputs: {},
      isolation: 'isolate',
    });
    expect(polluter).toMatchObject({ outcome: 'ok', result: 'done' });
    const after = await execute({
      language: 'javascript',
      code: 'const a = []; a.push(1); [typeof ({}).polluted, typeof leak, a.length]',
      inputs: {},
      isolation: 'isolate',
    });
    expect(after).toMatchObject({ outcome: 'ok', result: ['undefined', 'undefined', 1] });
  });

  it('lists the job like any other, and shows the sandbox hosts in the heartbeat and overview', async () => {
    const job = await execute({ language: 'typescript', code: 'INPUTS.n * 2', inputs: { n: 21 }, isolation: 'isolate' });
    const listed = await stack.request('GET', `/jobs/${job.id}`, { key: stack.userKey });
    expect(listed.body).toMatchObject({ status: 'completed', result: 42, isolation: 'isolate', timings: { isolation: 'isolate' } });
    const worker = await eventually(
      async () => {
        const overview = await stack.request('GET', '/admin/api/overview');
        const found = overview.body.workers?.find((w: { isolates: { served: number } | null }) => w.isolates && w.isolates.served > 0);
        return found ?? false;
      },
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    expect(worker.isolates).toMatchObject({ hosts: 1, replaced: 0 });
    // The host is a hardened container like every sandbox.
    const [host] = await sandboxContainers({ 'runq.stage': 'isolate-host' });
    expect(host).toBeDefined();
    expect(host.HostConfig.NetworkMode).toBe('none');
  });

  it('refuses isolate where it does not apply, naming isolation', async () => {
    const cases: [object, RegExp][] = [
      [{ language: 'python', code: '1', inputs: {}, isolation: 'isolate' }, /isolate is available for javascript, typescript/],
      [{ language: 'javascript', code: '1', isolation: 'isolate' }, /isolation needs function mode/],
      [{ language: 'javascript', code: '1', inputs: {}, isolation: 'fast' }, /isolation/],
    ];
    for (const [body, message] of cases) {
      const res = await stack.request('POST', '/jobs', { body, key: stack.userKey });
      expect(res.status).toBe(400);
      expect([res.body.message].flat().join('\n')).toMatch(message);
    }
  });

  it('cancels a running isolate job', async () => {
    const created = await stack.request('POST', '/jobs', {
      body: {
        language: 'javascript',
        code: 'new Promise(() => setInterval(() => {}, 10))',
        inputs: {},
        isolation: 'isolate',
        limits: { timeoutMs: 20_000 },
      },
      key: stack.userKey,
    });
    expect(created.status).toBe(201);
    await stack.waitFor(created.body.id, (j) => j.status === 'running', 30_000);
    const cancelled = await stack.request('POST', `/jobs/${created.body.id}/cancel`, { key: stack.userKey });
    expect(cancelled.status).toBe(200);
    const job = await stack.waitFor(created.body.id, (j) => j.status === 'cancelled', 10_000);
    expect(job.status).toBe('cancelled');
  });
});
