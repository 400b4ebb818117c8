import fc from 'fast-check';

/**
 * Bodies for the API fuzz test (see fuzz-requests.ts): job bodies one step from valid, with
 * text that cannot be stored, nulls, prototype keys; key bodies; any JSON; and the bytes that
 * carry them, not always JSON, an object or UTF-8.
 */
const validJob = { language: 'python', code: 'print(1)', stdin: '', args: [], limits: { timeoutMs: 1000 } };

/** Unpaired UTF-16 surrogates: not Unicode, so not storable (JSON.stringify writes them as \ud800 escapes). */
const surrogates = fc.constantFrom('\ud800', 'a\udfffb', '\udc00\ud800', 'print("\ud83d")', '\ud800\u0000');

/** Strings a parser or validator might choke on. */
export const nasty = fc.oneof(
  surrogates,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '%00',
    '\u0000',
    '😀',
    'null',
    'undefined',
    'NaN',
    '-1',
    '1e309',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom("1'; DROP TABLE jobs;--", '${jndi:ldap://x}', '<script>alert(1)</script>', '-'.repeat(36), 'Z'.repeat(10_000)),
  fc.uuid(),
);

/** Any JSON value, including deep nesting and prototype-polluting keys. */
export const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'language', 'code', 'jobs'), fc.jsonValue({ maxDepth: 2 })),
  fc.integer({ min: 1, max: 200 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth))),
);

/** Every optional field of a job request, at each depth, for `null` (which means absent). */
const OPTIONAL_FIELDS = [
  'version',
  'files',
  'entry',
  'compileOptions',
  'stdin',
  'args',
  'limits',
  'encoding',
  'expectedOutput',
  'comparison',
  'tests',
  'function',
  'inputs',
  'network',
  'callbackUrl',
];
const nullFields = fc.oneof(
  fc.subarray(OPTIONAL_FIELDS, { minLength: 1 }).map((fields) => ({ ...validJob, ...Object.fromEntries(fields.map((f) => [f, null])) })),
  fc
    .subarray(['timeoutMs', 'memoryMb', 'cpus', 'processes', 'outputBytes'], { minLength: 1 })
    .map((fields) => ({ ...validJob, limits: Object.fromEntries(fields.map((f) => [f, null])) })),
  fc.constantFrom(
    { language: 'python', files: [{ name: 'main.py', content: 'print(1)', encoding: null }], code: null, entry: null },
    { ...validJob, tests: [{ stdin: null, expectedOutput: '1\n', encoding: null, args: null, timeoutMs: null }] },
    { ...validJob, expectedOutput: '1\n', comparison: { mode: 'float', epsilon: null } },
    { ...validJob, function: { name: null, inputs: null }, network: null },
    { ...validJob, language: null },
    { ...validJob, tests: [{ expectedOutput: null }] },
  ),
);

/** Keys that name an object's prototype, where unknown keys are refused and inside free JSON (inputs). */
const prototypeKeyed = fc
  .tuple(
    fc.constantFrom('__proto__', 'constructor', 'prototype'),
    fc.oneof(jsonish, nasty),
    fc.constantFrom('top', 'limits', 'files', 'tests', 'comparison', 'function', 'inputs', 'function.inputs', 'jobs'),
  )
  .map(([key, value, where]) => {
    const keyed = { [key]: value }; // a computed key: an own property, never the prototype
    if (where === 'top') return { ...validJob, ...keyed };
    if (where === 'files') return { language: 'python', files: [{ name: 'main.py', content: 'print(1)', ...keyed }] };
    if (where === 'tests') return { ...validJob, tests: [{ expectedOutput: '1\n', ...keyed }] };
    if (where === 'comparison') return { ...validJob, expectedOutput: '1', comparison: { mode: 'exact', ...keyed } };
    if (where === 'function') return { ...validJob, function: { name: 'f', ...keyed } };
    if (where === 'function.inputs') return { ...validJob, code: 'def f(x):\n    return x\n', function: { name: 'f', inputs: keyed } };
    if (where === 'jobs') return { jobs: [validJob, { ...validJob, ...keyed }] };
    return { ...validJob, [where]: where === 'limits' ? { timeoutMs: 1000, ...keyed } : keyed };
  });

/** A valid job with one field replaced or added: the closest misses. */
const mutatedJob = fc
  .tuple(
    fc.constantFrom(
      'language',
      'code',
      'files',
      'stdin',
      'args',
      'limits',
      'encoding',
      'tests',
      'expectedOutput',
      'comparison',
      'callbackUrl',
      'compileOptions',
      'entry',
      'version',
      'extra',
    ),
    fc.oneof(jsonish, nasty),
  )
  .map(([field, value]) => ({ ...validJob, [field]: value }));

/** A valid job with an unpaired surrogate or NUL in one of its strings, at any depth. */
const unstorableText = fc.tuple(fc.oneof(surrogates, fc.constantFrom('\u0000', 'a\u0000b')), fc.nat({ max: 10 })).map(
  ([text, at]) =>
    [
      { ...validJob, code: text },
      { ...validJob, stdin: text },
      { ...validJob, args: ['ok', text] },
      { ...validJob, expectedOutput: text },
      { ...validJob, callbackUrl: `https://hooks.example.com/${text}` },
      { ...validJob, inputs: { a: [1, { b: text }] } },
      { ...validJob, inputs: { [text]: 1 } },
      { language: 'python', files: [{ name: 'main.py', content: text }] },
      { language: 'python', files: [{ name: text, content: 'print(1)' }] },
      { ...validJob, tests: [{ stdin: text, expectedOutput: '1\n' }] },
      { language: 'c', code: 'int main(){}', compileOptions: [text] },
    ][at],
);

const limitsMutation = fc
  .record({
    timeoutMs: fc.oneof(fc.integer(), fc.double(), nasty),
    memoryMb: fc.oneof(fc.integer(), fc.double()),
    cpus: fc.oneof(fc.double(), fc.constant(-0)),
    processes: fc.oneof(fc.integer(), nasty),
    outputBytes: fc.integer(),
  })
  .map((limits) => ({ ...validJob, limits }));

export const keyBody = fc.oneof(
  jsonish,
  fc.record({ name: nasty, role: fc.oneof(nasty, fc.constantFrom('user', 'admin')) }, { requiredKeys: [] }),
  fc.record({
    rateLimitPerMinute: fc.oneof(fc.integer(), fc.double(), nasty, fc.constant(null)),
    maxActiveJobs: fc.oneof(fc.integer(), nasty),
  }),
);

export const jobBody = fc.oneof(
  fc.constant(validJob),
  mutatedJob,
  limitsMutation,
  unstorableText,
  nullFields,
  prototypeKeyed,
  jsonish,
  fc.record({ jobs: fc.oneof(fc.array(fc.oneof(mutatedJob, unstorableText, nullFields), { maxLength: 3 }), jsonish) }),
);

/** Bytes that are not UTF-8: a lone continuation byte, a truncated sequence, an encoded surrogate, an overlong form. */
const invalidUtf8 = fc.constantFrom(
  [0xff],
  [0xfe, 0xff],
  [0xc3, 0x28],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xf8, 0x88, 0x80, 0x80],
);

/** A body: JSON of the given shape, JSON that is not an object, raw text that is not JSON, bytes that are not UTF-8, or an oversized one. */
export const bodyOf = (shape: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: shape.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 1, arbitrary: fc.constantFrom('null', '1', '"x"', 'true', '[]', '[{"language":"python","code":"x"}]', '') },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          shape.map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
          invalidUtf8,
          fc.nat(),
        )
        .map(([json, bad, at]) =>
          Buffer.concat([json.subarray(0, at % (json.length + 1)), Buffer.from(bad), json.subarray(at % (json.length + 1))]),
        ),
    },
    { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom('{"a":', '{"language":"python","code":"x"', '\u0000\u0001', '{}'.repeat(1000)) },
    { weight: 1, arbitrary: fc.constant(JSON.stringify({ ...validJob, code: 'x'.repeat(2.1 * 1024 * 1024) })) },
  );
