import { IsInt, IsOptional, IsString } from 'class-validator';
import { DomainError } from '#contracts';
import { BatchDto } from '../jobs/dto/batch.dto';
import { CreateJobDto } from '../jobs/dto/create-job.dto';
import { validateBody } from './body-validation';

/** A body class without NullMeansAbsent (as PATCH /keys, where null resets a limit). */
class NullKeepingBody {
  @IsString() name!: string;
  @IsOptional() @IsInt() limit?: number | null;
}

/** The messages of the 400 a body gets. */
async function refusal(type: new () => object, body: unknown): Promise<string[]> {
  try {
    await validateBody(type, body);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const refused = error as DomainError;
    expect(refused.code).toBe('invalid_request');
    return refused.messages ?? [refused.message];
  }
  throw new Error('expected a refusal');
}

const valid = { language: 'python', code: 'print(1)' };
const parse = (text: string): unknown => JSON.parse(text);

describe('validateBody', () => {
  it('returns the typed body', async () => {
    const dto = await validateBody(CreateJobDto, { ...valid, limits: { timeoutMs: 1000 } });
    expect(dto).toBeInstanceOf(CreateJobDto);
    expect(dto).toMatchObject({ ...valid, limits: { timeoutMs: 1000 } });
  });

  it('refuses a body that is not a JSON object', async () => {
    for (const body of [[1, 2], 'x', null, 1, true, undefined])
      expect(await refusal(CreateJobDto, body)).toEqual(['body must be a JSON object']);
  });

  it('takes null for an optional field, at any depth, as the field left out', async () => {
    const dto = await validateBody(
      CreateJobDto,
      parse(
        `{"language":"python","code":"x","files":null,"entry":null,"version":null,"expectedOutput":null,"callbackUrl":null,"stdin":null,
          "args":null,"compileOptions":null,"encoding":null,"comparison":null,"tests":null,"function":null,"inputs":null,"network":null,
          "limits":{"timeoutMs":null,"memoryMb":null,"cpus":null,"processes":null,"outputBytes":null}}`,
      ),
    );
    expect(JSON.parse(JSON.stringify(dto))).toEqual({ language: 'python', code: 'x', limits: {} });
    const nested = await validateBody(
      CreateJobDto,
      parse(`{"language":"python","files":[{"name":"a.py","content":"x","encoding":null}],
        "tests":[{"stdin":null,"expectedOutput":"1","encoding":null,"args":null,"timeoutMs":null}],
        "comparison":{"mode":"exact","epsilon":null},"function":{"name":null,"inputs":null}}`),
    );
    expect(JSON.parse(JSON.stringify(nested))).toEqual({
      language: 'python',
      files: [{ name: 'a.py', content: 'x' }],
      tests: [{ expectedOutput: '1' }],
      comparison: { mode: 'exact' },
      function: {},
    });
  });

  it('keeps refusing null for a required field, naming it', async () => {
    expect(await refusal(CreateJobDto, { ...valid, language: null })).toEqual(['language must be a string']);
    expect(await refusal(CreateJobDto, { language: 'python', files: [{ name: 'a.py', content: null }] })).toEqual([
      'files.0.content must be a string',
    ]);
    expect(await refusal(CreateJobDto, { ...valid, tests: [{ expectedOutput: null }] })).toEqual([
      'tests.0.expectedOutput must be a string',
    ]);
  });

  it('leaves null alone in classes that do not say it means absent', async () => {
    expect(await refusal(NullKeepingBody, { name: null })).toEqual(['name must be a string']);
    expect(await validateBody(NullKeepingBody, { name: 'k', limit: null })).toMatchObject({ limit: null });
  });

  it('refuses __proto__ and constructor wherever unknown properties are refused', async () => {
    expect(await refusal(CreateJobDto, parse('{"language":"python","code":"x","__proto__":{"a":1}}'))).toEqual([
      'property __proto__ should not exist',
    ]);
    expect(await refusal(CreateJobDto, parse('{"language":"python","code":"x","constructor":1}'))).toEqual([
      'property constructor should not exist',
    ]);
    expect(await refusal(CreateJobDto, parse('{"language":"python","code":"x","limits":{"__proto__":{"timeoutMs":1}}}'))).toEqual([
      'property limits.__proto__ should not exist',
    ]);
    expect(await refusal(CreateJobDto, parse('{"language":"python","files":[{"name":"a","content":"x","constructor":"y"}]}'))).toEqual([
      'property files.0.constructor should not exist',
    ]);
    expect(await refusal(CreateJobDto, parse('{"language":"python","code":"x","prototype":1}'))).toEqual([
      'property prototype should not exist',
    ]);
  });

  it("keeps function inputs exactly as sent (what can be stored is the request factory's call), polluting nothing", async () => {
    const inputs = '{"__proto__":{"polluted":true},"constructor":{"name":"Ford"},"list":[{"__proto__":1}]}';
    const dto = await validateBody(CreateJobDto, parse(`{"language":"python","code":"x","inputs":${inputs}}`));
    expect(JSON.stringify(dto.inputs)).toBe(inputs);
    const named = await validateBody(CreateJobDto, parse(`{"language":"python","code":"x","function":{"name":"f","inputs":${inputs}}}`));
    expect(JSON.stringify(named.function?.inputs)).toBe(inputs);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(dto.inputs)).toBe(Object.prototype);
  });

  it('never hands class-transformer an object whose constructor is data (it would try to instantiate it)', async () => {
    expect(await refusal(CreateJobDto, parse('{"language":{"constructor":{"a":1}},"code":"x"}'))).toEqual(['language must be a string']);
    expect(await refusal(CreateJobDto, parse('{"language":"python","code":[{"constructor":"x"}]}'))).toEqual(['code must be a string']);
    const batch = await validateBody(BatchDto, parse('{"jobs":[{"constructor":{}},[{"__proto__":1}]]}'));
    expect(JSON.stringify(batch.jobs)).toBe('[{"constructor":{}},[{"__proto__":1}]]');
  });

  it('names nested fields once, with the first thing wrong with each', async () => {
    expect(await refusal(CreateJobDto, { ...valid, function: { name: '1x' } })).toEqual([
      'function.name must be an identifier (letters, digits, _ and $, not starting with a digit)',
    ]);
    expect(await refusal(CreateJobDto, { ...valid, limits: { foo: 1 } })).toEqual(['property limits.foo should not exist']);
    expect(await refusal(CreateJobDto, { ...valid, compileOptions: '-O2' })).toEqual(['compileOptions must be an array of strings']);
    expect(await refusal(CreateJobDto, { ...valid, args: 'a b' })).toEqual(['args must be an array of strings']);
    expect(await refusal(CreateJobDto, { ...valid, limits: { cpus: '1' } })).toEqual(['limits.cpus must be a number']);
    expect(await refusal(CreateJobDto, { ...valid, limits: { cpus: 0.01 } })).toEqual(['limits.cpus must not be less than 0.05']);
    expect(await refusal(CreateJobDto, { language: 'python', files: [{ name: '', content: 'x' }] })).toEqual([
      'files.0.name should not be empty',
    ]);
    expect(await refusal(CreateJobDto, { ...valid, tests: [{ expectedOutput: '1', args: [1] }] })).toEqual([
      'each value in tests.0.args must be a string',
    ]);
    expect(await refusal(CreateJobDto, { ...valid, network: { allow: 'x' } })).toEqual(['network.allow must be an array of strings']);
  });
});
