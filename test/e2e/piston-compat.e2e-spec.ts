import fc from 'fast-check';
import type { PistonClient } from 'piston-client';
import { pistonHello, pistonServer } from '../../bench/piston-scenario';
import { INTERLEAVED_OUTPUT, INTERLEAVED_PYTHON } from './support/interleaved-program';
import { Stack } from './support/stack';

jest.setTimeout(300_000);

/** piston-client is an ES module: loaded in beforeAll, as a Piston user's program would load it. */
let piston: (typeof import('piston-client'))['piston'];

let stack: Stack;
let anonymousStack: Stack;
let client: PistonClient;
let python = '';

/** A raw request to /piston with exactly these headers (no X-API-Key unless given). */
async function raw(target: Stack, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${target.url}/piston/api/v2${path}`, { method, headers, body, signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const keyed = () => ({ 'X-API-Key': stack.userKey });
const post = (body: object, headers: Record<string, string> = keyed()) => raw(stack, 'POST', '/execute', JSON.stringify(body), headers);

beforeAll(async () => {
  ({ piston } = await import('piston-client'));
  stack = await Stack.start('piston');
  // Same Redis and Postgres: the first stack's worker runs this API's jobs too.
  const name = `piston-anon-${process.pid}`;
  anonymousStack = await Stack.start(name, { worker: false, env: { RUNQ_ANONYMOUS_KEY: `e2e-${name}-user` } });
  client = piston({ server: pistonServer(stack.url, stack.userKey) });
  python = (await client.runtimes()).find((r) => r.language === 'python')!.version;
});
afterAll(async () => {
  await anonymousStack?.stop();
  await stack?.stop();
});

describe('GET /piston/api/v2/runtimes and /packages (SPEC §4 Piston 1, 7)', () => {
  it('lists installed languages under Piston names and aliases, with semver versions', async () => {
    const runtimes = await client.runtimes();
    for (const runtime of runtimes) expect(runtime.version).toMatch(/^\d+\.\d+\.\d+$/);
    const byName = (language: string) => runtimes.find((r) => r.language === language)!;
    expect(byName('python').aliases).toEqual(expect.arrayContaining(['py', 'py3', 'python3']));
    expect(byName('c++')).toMatchObject({ runtime: 'gcc', aliases: expect.arrayContaining(['cpp', 'g++']) });
    expect(byName('c')).toMatchObject({ runtime: 'gcc', aliases: expect.arrayContaining(['gcc']) });
    expect(byName('javascript').aliases).toEqual(expect.arrayContaining(['js']));
    expect(byName('java')).toBeDefined();
    expect(runtimes.some((r) => r.language === 'cpp')).toBe(false);
  });

  it('lists every runtime as an installed package, and refuses to install or remove one', async () => {
    const res = await raw(stack, 'GET', '/packages', undefined, keyed());
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual({ language: 'python', language_version: python, installed: true });
    // Installing is the operator's: Piston's package manager is refused in Piston's format.
    for (const method of ['POST', 'DELETE']) {
      const refused = await raw(stack, method, '/packages', JSON.stringify({ language: 'python', version: '*' }), keyed());
      expect(refused).toEqual({ status: 501, body: { message: expect.stringContaining('cannot be installed') } });
    }
  });
});

describe('POST /piston/api/v2/execute through piston-client (SPEC §4 Piston 2–6)', () => {
  it('runs Python with stdin (newline added) and the client default args 1 2 3, as a runq job', async () => {
    const code = 'import sys\nline = sys.stdin.read()\nprint(sys.argv[1:], repr(line))';
    const result = await client.execute('python', code, { stdin: 'hi' });
    expect(result).toEqual({
      language: 'python',
      version: python,
      run: {
        stdout: "['1', '2', '3'] 'hi\\n'\n",
        stderr: '',
        output: "['1', '2', '3'] 'hi\\n'\n",
        code: 0,
        signal: null,
        message: null,
        status: null,
        cpu_time: expect.any(Number),
        wall_time: expect.any(Number),
        memory: expect.any(Number),
      },
    });
    const jobs = await stack.request('GET', '/jobs?limit=5', { key: stack.userKey });
    expect(jobs.body.items.some((job: { language: string }) => job.language === 'python')).toBe(true);
  });

  it('runs C with a compile stage, and answers a compile error with run = compile', async () => {
    const ok = await client.execute('c', '#include <stdio.h>\nint main(int c, char **v) { printf("%d %s\\n", c, v[1]); return 3; }', {
      args: ['x'],
    });
    expect(ok.compile).toMatchObject({ code: 0, status: null });
    expect(ok.run).toMatchObject({ stdout: '2 x\n', code: 3, status: 'RE', signal: null });
    const failed = await client.execute('c', 'int main( { return 0; }');
    expect(failed.compile).toMatchObject({ code: expect.any(Number), status: 'RE', stderr: expect.stringMatching(/error/) });
    expect(failed.compile!.code).not.toBe(0);
    expect(failed.run).toEqual(failed.compile);
  });

  it('runs C++ by its alias with a version selector, and Java, each reading stdin', async () => {
    const cpp = await client.execute({
      language: 'cpp',
      version: '*',
      files: [{ content: '#include <iostream>\nint main() { std::string s; std::cin >> s; std::cout << s << s << std::endl; }' }],
      stdin: 'ab',
    });
    expect(cpp).toMatchObject({ language: 'c++', run: { stdout: 'abab\n', code: 0 } });
    const java = await client.execute(
      'java',
      'public class Main { public static void main(String[] a) { System.out.println(new java.util.Scanner(System.in).nextInt() * 2 + a.length); } }',
      { stdin: '21', runTimeout: 10_000 },
    );
    expect(java.run).toMatchObject({ stdout: '45\n', code: 0, status: null });
    expect(java.compile).toMatchObject({ code: 0 });
  });

  it('runs JavaScript with stdout and stderr both in output; an interpreted runtime has no compile stage', async () => {
    const result = await client.execute('javascript', 'console.log("out"); console.error("err"); process.exitCode = 2;', { args: [] });
    expect(result.run).toMatchObject({ stdout: 'out\n', stderr: 'err\n', code: 2, status: 'RE' });
    expect(result.run.output).toContain('out\n');
    expect(result.run.output).toContain('err\n');
    expect(result.compile).toBeUndefined();
  });

  it('interleaves stdout and stderr in output in the order the program wrote them', async () => {
    const result = await client.execute('python', INTERLEAVED_PYTHON);
    const { stdout, stderr, merged } = INTERLEAVED_OUTPUT;
    expect(result.run).toMatchObject({ stdout, stderr, output: merged });
  });

  it('kills a run past run_timeout (TO, SIGKILL) and one past run_memory_limit (SG, SIGKILL)', async () => {
    const slow = await client.execute('python', 'while True: pass', { runTimeout: 1000 });
    expect(slow.run).toMatchObject({ status: 'TO', signal: 'SIGKILL' });
    const big = await client.execute('python', 'x = bytearray(200 * 1024 * 1024)\nprint(len(x))', { runMemoryLimit: 64 * 1024 * 1024 });
    expect(big.run).toMatchObject({ status: 'SG', signal: 'SIGKILL', stdout: '' });
  });

  it('runs the first of several files; base64 and hex files are decoded', async () => {
    const helper = Buffer.from('def twice(x):\n    return 2 * x\n');
    const data = Buffer.from('hex data');
    const result = await client.execute({
      language: 'python',
      version: python,
      files: [
        { name: 'main.py', content: 'from helper import twice\nprint(twice(21), open("data.txt").read())' },
        { name: 'helper.py', content: helper.toString('base64'), encoding: 'base64' },
        { name: 'data.txt', content: data.toString('hex'), encoding: 'hex' },
      ],
    });
    expect(result.run).toMatchObject({ stdout: '42 hex data\n', code: 0 });
  });

  it('selects versions by range and exact version; an unknown one is 400 "L-V runtime is unknown"', async () => {
    const major = python.split('.')[0];
    expect((await client.execute({ language: 'py', version: `${major}.x`, files: [{ content: 'print(1)' }] })).version).toBe(python);
    expect((await client.execute({ language: 'python3', version: python, files: [{ content: 'print(1)' }] })).language).toBe('python');
    expect(await client.execute({ language: 'python', version: '9.x', files: [{ content: 'print(1)' }] })).toEqual({
      message: 'python-9.x runtime is unknown',
    });
    expect((await post({ language: 'cobra', version: '*', files: [{ content: '' }] })).body).toEqual({
      message: 'cobra-* runtime is unknown',
    });
  });
});

describe("Piston's 400 messages and content types (SPEC §4 Piston 2, 6)", () => {
  const files = [{ content: 'print(1)' }];
  it.each([
    [{}, 'language is required as a string'],
    [{ language: 'python' }, 'version is required as a string'],
    [{ language: 'python', version: '*' }, 'files is required as an array'],
    [{ language: 'python', version: '*', files: [{ name: 'a.py' }] }, 'files[0].content is required as a string'],
    [
      { language: 'python', version: '*', files: [{ content: 'eA==', encoding: 'base64' }] },
      'files must include at least one utf8 encoded file',
    ],
    [{ language: 'python', version: '*', files, run_timeout: '3000' }, 'If specified, run_timeout must be a number'],
    [{ language: 'python', version: '*', files, run_timeout: 300_001 }, 'run_timeout cannot exceed the configured limit of 300000'],
    [{ language: 'python', version: '*', files, compile_timeout: 10_001 }, 'compile_timeout cannot exceed the configured limit of 10000'],
    [{ language: 'python', version: '*', files, run_memory_limit: -5 }, 'run_memory_limit must be non-negative'],
  ])('%j → 400 %s', async (body, message) => {
    expect(await post(body)).toEqual({ status: 400, body: { message } });
  });

  it('parses the body as JSON whatever its Content-Type; the native API still refuses text/plain', async () => {
    const body = JSON.stringify({ language: 'python', version: '*', files, args: [] });
    for (const type of ['text/plain;charset=UTF-8', 'application/json', 'application/x-www-form-urlencoded']) {
      const res = await raw(stack, 'POST', '/execute', body, { ...keyed(), 'Content-Type': type });
      expect({ type, status: res.status, stdout: res.body.run?.stdout }).toEqual({ type, status: 200, stdout: '1\n' });
    }
    expect(await raw(stack, 'POST', '/execute', '{"language":', { ...keyed(), 'Content-Type': 'text/plain' })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^body is not valid JSON/) },
    });
    const native = await stack.request('POST', '/execute', { raw: body, headers: { 'Content-Type': 'text/plain' } });
    expect(native.status).toBe(415);
  });
});

describe('bad input, drawn by fast-check', () => {
  // Each field mostly right, else wrong in type or absent; a fixed seed, so a failure reproduces.
  const anything = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.integer(),
    fc.string({ maxLength: 8 }),
    fc.constant([]),
    fc.constant({}),
  );
  const mostly = <T>(right: fc.Arbitrary<T>) => fc.oneof({ arbitrary: right, weight: 15 }, { arbitrary: anything, weight: 1 });
  const file = fc.record({
    name: mostly(fc.constantFrom(undefined, 'main.py', 'a/b.py', '../x.py', '-o.py', '')),
    content: mostly(fc.constant('print(1)')),
    encoding: mostly(fc.constantFrom(undefined, 'utf8', 'hex', 'utf16')),
  });
  const body = fc.record({
    language: mostly(fc.constantFrom('python', 'py', 'cobra')),
    version: mostly(fc.constantFrom('*', '3.x', '>=1 <2', 'x.y')),
    files: mostly(fc.array(file, { minLength: 1, maxLength: 2 })),
    stdin: mostly(fc.constantFrom(undefined, 'in')),
    args: mostly(fc.constantFrom(undefined, ['a'], [1])),
    run_timeout: mostly(fc.constantFrom(undefined, -1, -2, 0, 1000, 1e9, 2500.5)),
    run_memory_limit: mostly(fc.constantFrom(undefined, -1, 64e6, 1e12)),
    compile_cpu_time: mostly(fc.constantFrom(undefined, -1, 10_000, 10_001)),
  });

  it('answers 200 or 400 {message}, never 5xx, and writes a job exactly for each 200', async () => {
    const created = await stack.request('POST', '/keys', {
      body: { name: `piston-fuzz-${process.pid}`, maxActiveJobs: 0, rateLimitPerMinute: 0 },
    });
    const headers = { 'X-API-Key': created.body.key as string };
    let ran = 0;
    for (const sample of fc.sample(body, { seed: 18, numRuns: 100 })) {
      const res = await post(sample, headers);
      if (res.status === 200) ran++;
      else expect({ sample, status: res.status, body: res.body }).toEqual({ sample, status: 400, body: { message: expect.any(String) } });
    }
    const jobs = await stack.request('GET', '/jobs?limit=100', { key: headers['X-API-Key'] });
    expect(ran).toBeGreaterThan(0);
    expect(jobs.body.items).toHaveLength(ran);
    console.log(`piston bad-input sample: ${ran} of 100 ran`);
  });
});

describe('keys on /piston (SPEC §4 Piston 3) and the anonymous key', () => {
  it('takes the key from Basic credentials: as the password (URL userinfo) or as the user with an empty password', async () => {
    const asUser = await raw(stack, 'GET', '/runtimes', undefined, {
      Authorization: `Basic ${Buffer.from(`${stack.userKey}:`).toString('base64')}`,
    });
    expect(asUser.status).toBe(200);
    const viaUserinfo = piston({ server: pistonServer(stack.url, stack.userKey, 'anything') });
    expect((await viaUserinfo.execute('python', 'print(6 * 7)')).run.stdout).toBe('42\n');
    // Basic is a carrier on every surface, not only /piston.
    const native = await fetch(`${stack.url}/languages`, {
      headers: { Authorization: `Basic ${Buffer.from(`u:${stack.userKey}`).toString('base64')}` },
    });
    expect(native.status).toBe(200);
  });

  it('answers 401 {message} without a key or with a wrong one', async () => {
    expect(await raw(stack, 'GET', '/runtimes')).toEqual({ status: 401, body: { message: expect.any(String) } });
    const wrong = await raw(stack, 'POST', '/execute', '{}', { Authorization: `Basic ${Buffer.from('runq:rq_wrong').toString('base64')}` });
    expect(wrong).toEqual({ status: 401, body: { message: 'the API key is not valid' } });
  });

  it('with RUNQ_ANONYMOUS_KEY, key-less requests act as that key on every surface, never as an admin', async () => {
    const anonymous = piston({ server: `${anonymousStack.url}/piston` });
    expect((await anonymous.execute('python', 'print("anon")')).run.stdout).toBe('anon\n');
    // The job is the anonymous key's: its holder sees it, on the native API.
    const own = await anonymousStack.request('GET', '/jobs?limit=1', { key: anonymousStack.userKey });
    expect(own.body.items[0]).toMatchObject({ language: 'python', outcome: 'ok' });
    expect((await anonymousStack.request('GET', '/jobs?limit=1', { key: null })).body.items[0].id).toBe(own.body.items[0].id);
    // A user key's role: admin routes stay closed.
    expect((await anonymousStack.request('GET', '/keys', { key: null })).status).toBe(403);
    // A wrong key is still refused, not taken as anonymous.
    expect((await anonymousStack.request('GET', '/jobs', { key: 'rq_wrong' })).status).toBe(401);
  });
});

describe('latency', () => {
  it('measures the p50 of a piston-client Python hello (20 sequential executes, the bench scenario) beside POST /execute', async () => {
    const p50 = (times: number[]) => Math.round([...times].sort((a, b) => a - b)[9]);
    const piston = await pistonHello(pistonServer(stack.url, stack.userKey), 20);
    const native: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const res = await stack.request('POST', '/execute', { body: { language: 'python', code: 'print("hello")' }, key: stack.userKey });
      expect(res.body.run.stdout).toBe('hello\n');
      native.push(performance.now() - started);
    }
    expect(piston).toHaveLength(20);
    console.log(`python hello p50: piston-client ${p50(piston)} ms, POST /execute ${p50(native)} ms (same stack, one after the other)`);
  });
});
