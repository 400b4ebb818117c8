import { countJobRows, countQueueEntries } from './support/services';
import { Stack } from './support/stack';

jest.setTimeout(120_000);

let stack: Stack;
let rowsBefore: number;
let queueBefore: number;
beforeAll(async () => {
  stack = await Stack.start('bad-input');
  rowsBefore = await countJobRows();
  queueBefore = await countQueueEntries();
});
afterAll(async () => {
  await stack?.stop();
});

const MiB = 1024 * 1024;
const valid = { language: 'python', code: 'print(1)' };

/** [case, body or raw text, expected status, a pattern the message must match (naming the field)] */
const cases: [string, object | string, number, RegExp][] = [
  ['malformed JSON', '{"language": "python", "code": ', 400, /not valid JSON/],
  ['a JSON array body', '[1,2]', 400, /body must be a JSON object/],
  ['language of the wrong type', { ...valid, language: 42 }, 400, /language must be a string/],
  ['missing language', { code: 'print(1)' }, 400, /language/],
  [
    'unknown language, listing valid ids',
    { ...valid, language: 'intercal' },
    400,
    /intercal.*valid ids:(?=.*\bpython\b)(?=.*\bjavascript\b)(?=.*\bc\b)(?=.*\bjava\b)(?=.*\bpascal\b)/,
  ],
  [
    'a compile option outside the allowlist',
    { language: 'c', code: 'int main(){}', compileOptions: ['-fplugin=x.so'] },
    400,
    /compileOptions\[0\] "-fplugin=x.so" is not allowed/,
  ],
  [
    'an entry that is not a file',
    { language: 'python', files: [{ name: 'a.py', content: 'x' }], entry: 'b.py' },
    400,
    /entry "b.py" is not one of the files/,
  ],
  ['empty code', { ...valid, code: '' }, 400, /code must not be empty/],
  ['neither code nor files', { language: 'python' }, 400, /code/],
  ['code and files together', { ...valid, files: [{ name: 'a.py', content: 'x' }] }, 400, /either code or files/],
  ['code of the wrong type', { ...valid, code: ['print(1)'] }, 400, /code must be a string/],
  ['code over 1 MiB', { ...valid, code: 'x'.repeat(MiB + 1) }, 400, /code must be at most 1048576 bytes/],
  ['stdin over 1 MiB', { ...valid, stdin: 'x'.repeat(MiB + 1) }, 400, /stdin must be at most 1048576 bytes/],
  ['body over 2 MiB', { ...valid, stdin: 'x'.repeat(2 * MiB + 10) }, 413, /at most 2097152 bytes/],
  ['timeout above the maximum', { ...valid, limits: { timeoutMs: 300_001 } }, 400, /limits\.timeoutMs must not be greater than 300000/],
  ['memory above the maximum', { ...valid, limits: { memoryMb: 4096 } }, 400, /limits\.memoryMb must not be greater than 1024/],
  ['cpus above the maximum', { ...valid, limits: { cpus: 8 } }, 400, /limits\.cpus must not be greater than 2/],
  [
    'output above the maximum',
    { ...valid, limits: { outputBytes: 11 * MiB } },
    400,
    /limits\.outputBytes must not be greater than 10485760/,
  ],
  ['negative timeout', { ...valid, limits: { timeoutMs: -5 } }, 400, /limits\.timeoutMs must not be less than 100/],
  ['fractional memory', { ...valid, limits: { memoryMb: 12.5 } }, 400, /limits\.memoryMb must be an integer/],
  ['limits of the wrong type', { ...valid, limits: 'fast' }, 400, /limits must be an object/],
  ['an unknown field', { ...valid, priority: 1 }, 400, /property priority should not exist/],
  ['args not strings', { ...valid, args: [1, 2] }, 400, /each value in args must be a string/],
  ['stdin of the wrong type', { ...valid, stdin: 5 }, 400, /stdin must be a string/],
  ['a file name with ..', { language: 'python', files: [{ name: '../../x', content: 'print(1)' }] }, 400, /files\[0\]\.name/],
  ['an absolute file name', { language: 'python', files: [{ name: '/etc/passwd', content: 'x' }] }, 400, /files\[0\]\.name/],
  ['a file without content', { language: 'python', files: [{ name: 'main.py' }] }, 400, /files\.0\.content must be a string/],
  [
    'too many files',
    { language: 'python', files: Array.from({ length: 65 }, (_, i) => ({ name: `f${i}.py`, content: 'x' })) },
    400,
    /files must contain no more than 64 elements/,
  ],
  ['a version that is not installed', { ...valid, version: '2.7' }, 400, /version "2.7"/],
];

describe('bad input gets a 4xx naming the field, and writes nothing', () => {
  it.each(cases)('%s', async (_name, body, status, message) => {
    const res = await stack.request('POST', '/jobs', typeof body === 'string' ? { raw: body } : { body });
    expect(res.status).toBe(status);
    const text = Array.isArray(res.body.message) ? res.body.message.join('; ') : String(res.body.message);
    expect(text).toMatch(message);
  });

  it('rejects bad query parameters', async () => {
    const checks: [string, RegExp][] = [
      ['/jobs?status=sleeping', /status must be one of/],
      ['/jobs?limit=0', /limit must not be less than 1/],
      ['/jobs?limit=abc', /limit must be an integer/],
      ['/jobs?cursor=not-a-cursor', /cursor is not valid/],
    ];
    for (const [path, message] of checks) {
      const res = await stack.request('GET', path);
      expect(res.status).toBe(400);
      expect(String(res.body.message)).toMatch(message);
    }
    const wait = await stack.request('POST', '/execute?waitMs=-1', { body: valid });
    expect(wait.status).toBe(400);
    expect(String(wait.body.message)).toMatch(/waitMs/);
  });

  it('answers 404 for unknown and malformed job ids', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope', "1'; DROP TABLE jobs;--"]) {
      const res = await stack.request('GET', `/jobs/${encodeURIComponent(id)}`);
      expect(res.status).toBe(404);
      expect(res.body.message).toMatch(/was not found/);
    }
  });

  it('created no row and no queue entry for any rejected request', async () => {
    expect(await countJobRows()).toBe(rowsBefore);
    expect(await countQueueEntries()).toBe(queueBefore);
  });
});
