import { UnsupportedMediaTypeException } from '@nestjs/common';
import { DomainError } from '#contracts';
import { CreateJobDto } from '../jobs/dto/create-job.dto';
import { ListJobsQuery, WaitQuery } from '../jobs/dto/job-queries.dto';
import { RequestValidationPipe } from './request-validation.pipe';

const pipe = new RequestValidationPipe();
const body = (value: unknown) => pipe.transform(value, { type: 'body', metatype: CreateJobDto });
const query = (value: unknown, metatype: new () => object) => pipe.transform(value, { type: 'query', metatype });

async function messages(run: Promise<unknown>): Promise<string[]> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).messages ?? [(error as DomainError).message];
}

describe('RequestValidationPipe', () => {
  it('answers 415 naming Content-Type when no JSON body was parsed', async () => {
    await expect(body(undefined)).rejects.toBeInstanceOf(UnsupportedMediaTypeException);
    await expect(body(undefined)).rejects.toThrow('Content-Type must be application/json');
  });

  it('validates bodies as validateBody does', async () => {
    expect(await messages(body([1, 2]))).toEqual(['body must be a JSON object']);
    expect(await messages(body(null))).toEqual(['body must be a JSON object']);
    await expect(body({ language: 'python', code: 'x', expectedOutput: null })).resolves.toEqual(
      expect.objectContaining({ language: 'python', code: 'x' }),
    );
  });

  it('names query parameters with the first thing wrong with them', async () => {
    expect(await messages(query({ waitMs: 'abc' }, WaitQuery))).toEqual(['waitMs must be an integer number']);
    expect(await messages(query({ limit: '0' }, ListJobsQuery))).toEqual(['limit must not be less than 1']);
    expect(await messages(query({ language: 'py\u0000' }, ListJobsQuery))).toEqual(['language must be a language id or alias']);
    await expect(query({ language: 'c++' }, ListJobsQuery)).resolves.toMatchObject({ language: 'c++' });
  });

  it('takes up to 100 ids, malformed ones included, and names ids past that', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => (i % 2 ? 'nope' : '00000000-0000-4000-8000-000000000000')).join(',');
    await expect(query({ ids }, ListJobsQuery)).resolves.toMatchObject({ ids });
    expect(await messages(query({ ids: `${ids},x` }, ListJobsQuery))).toEqual(['ids must list at most 100 job ids']);
    expect(await messages(query({ ids: '' }, ListJobsQuery))).toEqual(['ids must list at least one job id']);
  });

  it('leaves parameters that are not classes alone', async () => {
    await expect(pipe.transform('abc', { type: 'param', metatype: String, data: 'id' })).resolves.toBe('abc');
  });
});
