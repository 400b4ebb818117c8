import { DomainError } from '#contracts';
import { checkStorableText } from './storable-text';

function refusal(request: object): { message: string; field?: string } {
  try {
    checkStorableText(request);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { message: (error as DomainError).message, field: (error as DomainError).field };
  }
  throw new Error('expected a refusal');
}

const LONE = '\ud800';

describe('checkStorableText', () => {
  it('passes ordinary text, emoji (a valid surrogate pair) included', () => {
    expect(() =>
      checkStorableText({ language: 'python', code: 'print("😀")', args: ['é', '日本'], inputs: { '😀': ['ok'] } }),
    ).not.toThrow();
  });

  it.each([
    ['code', { code: `print("${LONE}")` }],
    ['stdin', { stdin: `a${LONE}` }],
    ['args[1]', { args: ['ok', '\udfff'] }],
    ['expectedOutput', { expectedOutput: LONE }],
    ['files[0].content', { files: [{ name: 'a.py', content: LONE }] }],
    ['files[0].name', { files: [{ name: `a${LONE}.py`, content: 'x' }] }],
    ['tests[1].stdin', { tests: [{ expectedOutput: '1' }, { stdin: LONE, expectedOutput: '1' }] }],
    ['compileOptions[0]', { compileOptions: [LONE] }],
    ['callbackUrl', { callbackUrl: `https://x.example/${LONE}` }],
    ['inputs.a[2].b', { inputs: { a: [1, 2, { b: LONE }] } }],
    ['function.inputs', { function: { inputs: LONE } }],
    ['network.allow[0]', { network: { allow: [LONE] } }],
  ])('refuses an unpaired surrogate, naming %s', (field, request) => {
    expect(refusal(request)).toEqual({ field, message: `${field} is not valid Unicode: it contains an unpaired UTF-16 surrogate` });
  });

  it('refuses an unpaired surrogate in a key of the inputs, naming the object', () => {
    expect(refusal({ inputs: { user: { [`n${LONE}`]: 1 } } })).toEqual({
      field: 'inputs.user',
      message: 'inputs.user has a key that is not valid Unicode (an unpaired UTF-16 surrogate)',
    });
  });

  it('refuses NUL where Postgres cannot store it, with the base64 way out where there is one', () => {
    expect(refusal({ code: 'a\0b' })).toEqual({ field: 'code', message: 'code must not contain NUL characters' });
    expect(refusal({ stdin: '\0' }).message).toBe(
      'stdin must not contain NUL characters; send binary data base64-encoded ("encoding": "base64")',
    );
    expect(refusal({ tests: [{ expectedOutput: '\0' }] }).field).toBe('tests[0].expectedOutput');
    expect(refusal({ files: [{ name: 'a', content: 'x\0' }] }).message).toMatch(/^files\[0\]\.content must not contain NUL.*base64/);
    expect(refusal({ callbackUrl: 'https://x.example/\0' }).field).toBe('callbackUrl');
    expect(refusal({ args: ['\0'] }).message).toBe('args[0] must not contain NUL characters');
  });

  it('refuses a __proto__ key in function inputs, which could not be stored, and keeps constructor as an ordinary key', () => {
    expect(refusal({ inputs: { list: [JSON.parse('{"__proto__":1}')] } })).toEqual({
      field: 'inputs.list[0]',
      message: 'inputs.list[0] has the key "__proto__", which cannot be stored; rename it',
    });
    expect(refusal({ function: { inputs: JSON.parse('{"__proto__":{}}') } }).field).toBe('function.inputs');
    expect(() => checkStorableText({ inputs: JSON.parse('{"constructor":{"name":"Ford"},"prototype":1}') })).not.toThrow();
  });

  it('lets NUL through in function inputs, which are stored as json', () => {
    expect(() => checkStorableText({ inputs: { a: 'x\0y', ['k\0']: 1 } })).not.toThrow();
    expect(() => checkStorableText({ function: { name: 'f', inputs: ['\0'] } })).not.toThrow();
  });

  it('names the first problem in the order of the request, and keeps a long path short', () => {
    expect(refusal({ stdin: '\0', code: LONE }).field).toBe('stdin');
    const deep = refusal({ inputs: { ['k'.repeat(300)]: LONE } });
    expect(deep.field).toHaveLength(101);
    expect(deep.field!.endsWith('…')).toBe(true);
  });
});
