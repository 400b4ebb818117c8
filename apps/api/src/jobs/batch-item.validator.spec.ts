import { DomainError } from '#contracts';
import { toNativeError } from '../common/native-error.mapper';
import { validateJobBody } from './batch-item.validator';

async function messages(item: unknown): Promise<string[]> {
  try {
    await validateJobBody(item);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const body = toNativeError(error as DomainError).body as { message: string | string[] };
    return ([] as string[]).concat(body.message);
  }
  throw new Error('expected a 400');
}

describe('validateJobBody', () => {
  it('returns a typed body for a valid item', async () => {
    const dto = await validateJobBody({ language: 'python', code: 'print(1)', limits: { timeoutMs: 1000 } });
    expect(dto).toMatchObject({ language: 'python', code: 'print(1)', limits: { timeoutMs: 1000 } });
  });

  it('takes code + inputs without a language (the JavaScript expression form), and nothing else without one', async () => {
    expect((await validateJobBody({ code: 'INPUTS.x', inputs: { x: 1 } })).language).toBeUndefined();
    expect(await messages({ code: 'print(1)' })).toContain('language must be a string');
    expect(await messages({ code: 'INPUTS', function: { inputs: 1 } })).toContain('language must be a string');
    expect(await messages({ inputs: { x: 1 } })).toContain('language must be a string');
    expect(await messages({ code: 'INPUTS.x', inputs: { x: 1 }, language: '' })).toContain('language should not be empty');
  });

  it('rejects non-objects', async () => {
    for (const item of [null, 3, 'job', [1]]) expect(await messages(item)).toEqual(['each job must be an object']);
  });

  it('names the fields, nested ones with their path, and unknown properties', async () => {
    const found = await messages({ language: 7, code: 'x', limits: { timeoutMs: 'slow' }, extra: 1 });
    expect(found).toEqual(
      expect.arrayContaining([
        'language must be a string',
        'limits.timeoutMs must be an integer number',
        'property extra should not exist',
      ]),
    );
  });

  it('validates an item as a whole body is validated: prototype keys refused, null as absent, one message per field', async () => {
    expect(await messages(JSON.parse('{"language":"python","code":"x","__proto__":{}}'))).toEqual(['property __proto__ should not exist']);
    expect(await messages({ language: 'python', code: 'x', limits: { cpus: '1' } })).toEqual(['limits.cpus must be a number']);
    await expect(validateJobBody({ language: 'python', code: 'x', expectedOutput: null, files: null })).resolves.not.toHaveProperty(
      'files',
    );
  });
});
