import { countJobRows } from './support/services';
import { Stack } from './support/stack';

jest.setTimeout(180_000);

/**
 * Input a client may send by mistake or on purpose: text that is not Unicode, NUL, null for
 * optional fields, other content types, bodies that are not objects, prototype keys, bytes
 * that are not UTF-8. Each gets a 4xx naming what is wrong (never a 5xx), on every route
 * concerned, and nothing is written for it.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('input-edge-cases');
});
afterAll(async () => {
  await stack?.stop();
});

const valid = { language: 'python', code: 'print(1)' };
/** Generous: the machine may be shared and busy, and no case here is about the time limit. */
const SLOW_OK = { timeoutMs: 20_000 };
const LONE = '\ud800';
const SUBMIT = ['/jobs', '/execute?waitMs=0'];
const text = (body: any) => (Array.isArray(body?.message) ? body.message.join('; ') : String(body?.message));

/** Sends bytes as they are (no re-encoding), with the given Content-Type (none when undefined). */
async function sendRaw(
  method: string,
  path: string,
  body: string | Buffer | undefined,
  contentType?: string,
  key: string | null = stack.adminKey,
) {
  const headers: Record<string, string> = {};
  if (key) headers['X-API-Key'] = key;
  if (contentType) headers['Content-Type'] = contentType;
  // Bytes, so that fetch adds no Content-Type of its own.
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const res = await fetch(stack.url + path, { method, headers, body: bytes, signal: AbortSignal.timeout(60_000) });
  const answer = await res.text();
  let parsed: any = answer;
  try {
    parsed = JSON.parse(answer);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}

/** Waits (bounded) until these jobs have finished, so that no work of this suite is left behind. */
async function settle(ids: string[]): Promise<void> {
  for (const id of ids) await stack.waitFor(id, (job) => !['queued', 'running'].includes(job.status), 60_000);
}

describe('text that cannot be stored', () => {
  const surrogates: [string, object][] = [
    ['code', { ...valid, code: `print("${LONE}")` }],
    ['stdin', { ...valid, stdin: `a${LONE}` }],
    ['args[0]', { ...valid, args: [LONE] }],
    ['expectedOutput', { ...valid, expectedOutput: LONE }],
    ['files[0].content', { language: 'python', files: [{ name: 'main.py', content: LONE }] }],
    ['files[0].name', { language: 'python', files: [{ name: `m${LONE}.py`, content: 'x' }] }],
    ['tests[0].expectedOutput', { ...valid, tests: [{ expectedOutput: LONE }] }],
    ['compileOptions[0]', { language: 'c', code: 'int main(){}', compileOptions: [LONE] }],
    ['callbackUrl', { ...valid, callbackUrl: `https://hooks.example.com/${LONE}` }],
    ['inputs.a[1].b', { ...valid, inputs: { a: [1, { b: LONE }] } }],
    ['function.inputs', { ...valid, function: { name: 'f', inputs: LONE } }],
  ];

  it.each(surrogates)('an unpaired surrogate in %s is a 400 naming it on POST /jobs and /execute', async (field, body) => {
    for (const path of SUBMIT) {
      const res = await stack.request('POST', path, { body });
      expect([path, res.status]).toEqual([path, 400]);
      expect(text(res.body)).toBe(`${field} is not valid Unicode: it contains an unpaired UTF-16 surrogate`);
    }
  });

  it('an unpaired surrogate in a key of the inputs is a 400 naming the object', async () => {
    const res = await stack.request('POST', '/jobs', { body: { ...valid, inputs: { user: { [`n${LONE}`]: 1 } } } });
    expect(res.status).toBe(400);
    expect(text(res.body)).toBe('inputs.user has a key that is not valid Unicode (an unpaired UTF-16 surrogate)');
  });

  it.each([
    ['code', { ...valid, code: 'print(1)\u0000' }, /^code must not contain NUL characters$/],
    ['stdin', { ...valid, stdin: 'a\u0000' }, /^stdin must not contain NUL characters; send binary data base64-encoded/],
    ['expectedOutput', { ...valid, expectedOutput: '\u0000' }, /^expectedOutput must not contain NUL/],
    ['callbackUrl', { ...valid, callbackUrl: 'https://hooks.example.com/\u0000' }, /^callbackUrl must not contain NUL/],
    ['tests[0].stdin', { ...valid, tests: [{ stdin: '\u0000', expectedOutput: '1' }] }, /^tests\[0\]\.stdin must not contain NUL/],
  ])('NUL in %s is a 400 naming it', async (_field, body, message) => {
    for (const path of SUBMIT) {
      const res = await stack.request('POST', path, { body });
      expect([path, res.status]).toEqual([path, 400]);
      expect(text(res.body)).toMatch(message);
    }
  });

  it('NUL in function inputs still runs (they are stored as json)', async () => {
    const res = await stack.request('POST', '/execute?waitMs=60000', {
      body: {
        language: 'python',
        code: 'def f(d):\n    return len(d["a"])\n',
        function: { name: 'f', inputs: { a: 'x\u0000y' } },
        limits: SLOW_OK,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'ok', result: 3 });
  });

  it('a batch creates its valid items and refuses the bad ones in place', async () => {
    const res = await stack.request('POST', '/jobs/batch', {
      body: {
        jobs: [
          valid,
          { ...valid, stdin: LONE },
          { ...valid, code: 'print(2)\u0000' },
          { ...valid, limits: { constructor: 1 } },
          JSON.parse('{"language":"python","code":"x","__proto__":{"a":1}}'),
          { ...valid, expectedOutput: null, files: null },
        ],
      },
    });
    expect(res.status).toBe(200);
    const [first, surrogate, nul, prototype, proto, nulls] = res.body.items;
    expect(first).toMatchObject({ status: 'queued' });
    expect(surrogate.error).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'stdin is not valid Unicode: it contains an unpaired UTF-16 surrogate',
    });
    expect(nul.error).toMatchObject({ statusCode: 400, message: 'code must not contain NUL characters' });
    expect(prototype.error).toMatchObject({ statusCode: 400, message: ['property limits.constructor should not exist'] });
    expect(proto.error).toMatchObject({ statusCode: 400, message: ['property __proto__ should not exist'] });
    expect(nulls).toMatchObject({ status: 'queued' });
    const listed = await stack.request('GET', `/jobs?ids=${first.id},${nulls.id}`);
    expect(listed.body.items.map((job: any) => job?.id)).toEqual([first.id, nulls.id]);
    await settle([first.id, nulls.id]);
  });
});

describe('null for an optional field means the field is absent', () => {
  const optional: Record<string, unknown> = {
    version: null,
    files: null,
    entry: null,
    compileOptions: null,
    stdin: null,
    args: null,
    encoding: null,
    expectedOutput: null,
    comparison: null,
    tests: null,
    function: null,
    inputs: null,
    network: null,
    callbackUrl: null,
  };

  it('at the top level, in limits, and each alone', async () => {
    const all = await stack.request('POST', '/execute?waitMs=60000', {
      body: { ...valid, ...optional, limits: { timeoutMs: null, memoryMb: null, cpus: null, processes: null, outputBytes: null } },
    });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ outcome: 'ok', run: { stdout: '1\n' }, callbackUrl: null, comparison: null, tests: null });
    expect(all.body.function).toBeUndefined();
    expect(all.body.limits).toMatchObject({ timeoutMs: expect.any(Number), cpus: expect.any(Number) });
    const ids: string[] = [];
    for (const [field, value] of Object.entries({ ...optional, limits: null })) {
      const res = await stack.request('POST', '/jobs', { body: { ...valid, [field]: value } });
      expect([field, res.status]).toEqual([field, 201]);
      ids.push(res.body.id);
    }
    await settle(ids);
  });

  it('in files, tests, comparison and function', async () => {
    const res = await stack.request('POST', '/execute?waitMs=60000', {
      body: {
        language: 'python',
        files: [{ name: 'main.py', content: 'print(input())', encoding: null }],
        tests: [{ stdin: '7', expectedOutput: '7\n', encoding: null, args: null, timeoutMs: null }],
        limits: SLOW_OK,
        comparison: { mode: 'exact', epsilon: null },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'ok', summary: { passed: 1, total: 1 }, comparison: { mode: 'exact' } });
    const fn = await stack.request('POST', '/execute?waitMs=60000', {
      body: {
        language: 'python',
        code: 'def f(x):\n    return x\n',
        function: { name: 'f', inputs: null },
        network: null,
        limits: SLOW_OK,
      },
    });
    expect(fn.status).toBe(200);
    expect(fn.body).toMatchObject({ outcome: 'ok', result: null });
  });

  it('a required field that is null is still a 400 naming it', async () => {
    for (const [body, message] of [
      [{ ...valid, language: null }, 'language must be a string'],
      [{ language: 'python', files: [{ name: 'a.py', content: null }] }, 'files.0.content must be a string'],
      [{ ...valid, tests: [{ expectedOutput: null }] }, 'tests.0.expectedOutput must be a string'],
      [
        { ...valid, comparison: { mode: null } },
        'comparison.mode must be one of the following values: exact, trailing_whitespace, whitespace, case_insensitive, float',
      ],
    ] as [object, string][]) {
      const res = await stack.request('POST', '/jobs', { body });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([message]);
    }
  });
});

describe('bodies that are not a JSON object', () => {
  const BODY_ROUTES: [string, string, string | null][] = [
    ['POST', '/jobs', 'admin'],
    ['POST', '/execute', 'admin'],
    ['POST', '/jobs/batch', 'admin'],
    ['POST', '/keys', 'admin'],
    ['PATCH', '/keys/00000000-0000-4000-8000-000000000000', 'admin'],
    ['POST', '/admin/api/session', null],
  ];
  const keyOf = (who: string | null) => (who ? stack.adminKey : null);

  it('another Content-Type, or none, is a 415 naming Content-Type on every route that takes a body', async () => {
    for (const [method, path, who] of BODY_ROUTES) {
      for (const [body, type] of [
        [JSON.stringify(valid), 'text/plain'],
        ['language=python&code=x', 'application/x-www-form-urlencoded'],
        [JSON.stringify(valid), undefined],
        [undefined, undefined],
      ] as [string | undefined, string | undefined][]) {
        const res = await sendRaw(method, path, body, type, keyOf(who));
        expect([method, path, type, res.status]).toEqual([method, path, type, 415]);
        expect(res.body).toEqual({ statusCode: 415, message: 'Content-Type must be application/json', error: 'Unsupported Media Type' });
      }
      const utf16 = await sendRaw(method, path, '{}', 'application/json; charset=utf-16', keyOf(who));
      expect([path, utf16.status, utf16.body.message]).toEqual([path, 415, 'Content-Type charset must be utf-8, not utf-16']);
    }
  });

  it('JSON that is not an object is a 400 saying the body must be one', async () => {
    for (const [method, path, who] of BODY_ROUTES) {
      for (const body of ['[1,2]', '"x"', 'null', '1', 'true']) {
        const res = await sendRaw(method, path, body, 'application/json', keyOf(who));
        expect([method, path, body, res.status, res.body.message]).toEqual([method, path, body, 400, 'body must be a JSON object']);
      }
    }
  });

  it('routes without a body keep working without one', async () => {
    expect((await sendRaw('GET', '/jobs', undefined)).status).toBe(200);
    expect((await sendRaw('POST', '/jobs/00000000-0000-4000-8000-000000000000/cancel', undefined)).status).toBe(404);
    expect((await sendRaw('DELETE', '/keys/00000000-0000-4000-8000-000000000000', undefined)).status).toBe(404);
    expect((await sendRaw('DELETE', '/admin/api/session', undefined, undefined, null)).status).toBeLessThan(300);
  });

  it('bytes that are not UTF-8 are a 400, never run with U+FFFD in their place', async () => {
    for (const bad of [
      [0xff, 0xfe],
      [0xc3, 0x28],
      [0xed, 0xa0, 0x80],
    ]) {
      const body = Buffer.concat([Buffer.from('{"language":"python","code":"print(\''), Buffer.from(bad), Buffer.from('\')"}')]);
      for (const path of [...SUBMIT, '/jobs/batch']) {
        const res = await sendRaw(
          'POST',
          path,
          path === '/jobs/batch' ? Buffer.concat([Buffer.from('{"jobs":['), body, Buffer.from(']}')]) : body,
          'application/json',
        );
        expect([path, res.status, res.body.message]).toEqual([path, 400, 'body is not valid UTF-8']);
      }
    }
  });
});

describe('prototype keys', () => {
  it.each([
    ['{"language":"python","code":"x","__proto__":{"a":1}}', 'property __proto__ should not exist'],
    ['{"language":"python","code":"x","constructor":{"a":1}}', 'property constructor should not exist'],
    ['{"language":"python","code":"x","limits":{"__proto__":{"timeoutMs":1}}}', 'property limits.__proto__ should not exist'],
    ['{"language":"python","files":[{"name":"a.py","content":"x","constructor":1}]}', 'property files.0.constructor should not exist'],
    ['{"language":"python","code":"x","tests":[{"expectedOutput":"1","__proto__":{}}]}', 'property tests.0.__proto__ should not exist'],
    ['{"language":"python","code":"x","function":{"constructor":"f"}}', 'property function.constructor should not exist'],
  ])('%s is refused like any unknown property', async (raw, message) => {
    for (const path of SUBMIT) {
      const res = await stack.request('POST', path, { raw });
      expect([path, res.status, res.body.message]).toEqual([path, 400, [message]]);
    }
  });

  it('inside function inputs, constructor is an ordinary key and __proto__ a 400 naming where it is (it could not be stored)', async () => {
    const inputs = '{"constructor":{"name":"Ford"},"prototype":1}';
    const py = await stack.request('POST', '/execute?waitMs=60000', {
      raw: `{"language":"python","code":"def f(d):\\n    return sorted(d)\\n","function":{"name":"f","inputs":${inputs}},"limits":{"timeoutMs":20000}}`,
    });
    expect(py.status).toBe(200);
    expect(py.body).toMatchObject({ outcome: 'ok', result: ['constructor', 'prototype'] });
    const js = await stack.request('POST', '/execute?waitMs=60000', {
      raw: `{"language":"javascript","code":"exports.f = (d) => [Object.keys(d), d.constructor.name];","function":{"name":"f","inputs":${inputs}},"limits":{"timeoutMs":20000}}`,
    });
    expect(js.status).toBe(200);
    expect(js.body).toMatchObject({ outcome: 'ok', result: [['constructor', 'prototype'], 'Ford'] });
    for (const raw of [
      '{"language":"python","code":"x","inputs":{"a":[{"__proto__":{"polluted":1}}]}}',
      '{"language":"python","code":"def f(d):\\n    return d\\n","function":{"name":"f","inputs":{"__proto__":{}}}}',
    ]) {
      const res = await stack.request('POST', '/jobs', { raw });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^(inputs\.a\[0\]|function\.inputs) has the key "__proto__", which cannot be stored; rename it$/);
    }
  });
});

describe('messages name the field and say the first thing wrong', () => {
  it.each([
    [{ ...valid, function: { name: '1x' } }, 'function.name must be an identifier (letters, digits, _ and $, not starting with a digit)'],
    [{ ...valid, limits: { foo: 1 } }, 'property limits.foo should not exist'],
    [{ language: 'python', files: [{ name: '', content: 'x' }] }, 'files.0.name should not be empty'],
    [{ ...valid, compileOptions: '-O2' }, 'compileOptions must be an array of strings'],
    [{ ...valid, limits: { cpus: '1' } }, 'limits.cpus must be a number'],
  ])('%j', async (body, message) => {
    for (const path of SUBMIT) {
      const res = await stack.request('POST', path, { body });
      expect([path, res.status, res.body.message]).toEqual([path, 400, [message]]);
    }
    const batch = await stack.request('POST', '/jobs/batch', { body: { jobs: [body] } });
    expect(batch.body.items[0].error.message).toEqual([message]);
  });

  it('a key name that is empty, and a wait that is not a number', async () => {
    const key = await stack.request('POST', '/keys', { body: { name: '' } });
    expect([key.status, key.body.message]).toEqual([400, ['name must be longer than or equal to 1 characters']]);
    for (const path of ['/execute?waitMs=abc', '/jobs?wait=true&waitMs=abc']) {
      const res = await stack.request('POST', path, { body: valid });
      expect([path, res.status, res.body.message]).toEqual([path, 400, ['waitMs must be an integer number']]);
    }
  });
});

describe('GET /jobs?ids=', () => {
  it('answers null in place for unknown and malformed ids, and finds ids in upper case', async () => {
    const created = await stack.request('POST', '/jobs', { body: valid });
    const id: string = created.body.id;
    const ids = [id, 'nope', '00000000-0000-4000-8000-000000000000', "1'; DROP TABLE jobs;--", id.toUpperCase(), ''];
    const res = await stack.request('GET', `/jobs?ids=${encodeURIComponent(ids.join(','))}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((job: any) => job?.id ?? null)).toEqual([id, null, null, null, id, null]);
    await settle([id]);
  });

  it('a language filter the database could not compare is a 400, not a 500', async () => {
    const res = await stack.request('GET', '/jobs?language=py%00');
    expect([res.status, res.body.message]).toEqual([400, ['language must be a language id or alias']]);
  });

  it('takes at most 100 ids, and refuses none, naming ids', async () => {
    const hundred = Array.from({ length: 100 }, () => 'x');
    expect((await stack.request('GET', `/jobs?ids=${hundred.join(',')}`)).body.items).toHaveLength(100);
    const over = await stack.request('GET', `/jobs?ids=${[...hundred, 'x'].join(',')}`);
    expect([over.status, over.body.message]).toEqual([400, ['ids must list at most 100 job ids']]);
    const empty = await stack.request('GET', '/jobs?ids=');
    expect([empty.status, empty.body.message]).toEqual([400, ['ids must list at least one job id']]);
  });
});

describe('nothing is written for a refused request', () => {
  it('refusals leave the row count alone', async () => {
    const before = await countJobRows();
    await stack.request('POST', '/jobs', { body: { ...valid, stdin: LONE } });
    await stack.request('POST', '/jobs', { body: { ...valid, code: '\u0000' } });
    await sendRaw('POST', '/jobs', Buffer.from([0x7b, 0xff, 0x7d]), 'application/json');
    await sendRaw('POST', '/jobs', JSON.stringify(valid), 'text/plain');
    await stack.request('POST', '/jobs', { raw: '{"language":"python","code":"x","__proto__":{}}' });
    expect(await countJobRows()).toBe(before);
  });
});
