import { loadConfig } from '#config';
import { DomainError } from '#contracts';
import { toNativeError } from '../common/native-error.mapper';
import type { CreateJobDto } from './dto/create-job.dto';
import { buildJudging } from './judging-request';

const config = loadConfig({ DATABASE_URL: 'postgresql://x', REDIS_URL: 'redis://x', RUNQ_MAX_TESTS: '3' });
const dto = (extra: Partial<CreateJobDto>): CreateJobDto => ({ language: 'python', code: 'x', ...extra });

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return String(toNativeError(error as DomainError).body && (error as DomainError).message);
  }
  throw new Error('expected a 400');
}

describe('buildJudging', () => {
  it('defaults to utf8 with no expected output, comparison or tests', () => {
    expect(buildJudging(dto({ stdin: 'in' }), config)).toEqual({
      encoding: 'utf8',
      stdin: 'in',
      expectedOutput: null,
      comparison: null,
      tests: null,
    });
  });

  it('gives each case the job encoding unless it has its own, keeping args and timeouts', () => {
    const out = buildJudging(
      dto({
        encoding: 'base64',
        tests: [
          { stdin: 'AQ==', expectedOutput: 'Ag==' },
          { stdin: 'x', expectedOutput: 'y', encoding: 'utf8', args: ['a'], timeoutMs: 500 },
        ],
      }),
      config,
    );
    expect(out.tests).toEqual([
      { stdin: 'AQ==', expectedOutput: 'Ag==', encoding: 'base64' },
      { stdin: 'x', expectedOutput: 'y', encoding: 'utf8', args: ['a'], timeoutMs: 500 },
    ]);
  });

  it('counts decoded bytes against the stdin limit', () => {
    const small = loadConfig({ DATABASE_URL: 'postgresql://x', REDIS_URL: 'redis://x', RUNQ_MAX_STDIN_BYTES: '1024' });
    const kib = Buffer.alloc(1024).toString('base64'); // 1368 characters, 1024 bytes
    expect(() => buildJudging(dto({ encoding: 'base64', stdin: kib }), small)).not.toThrow();
    expect(message(() => buildJudging(dto({ stdin: 'é'.repeat(513) }), small))).toMatch(/stdin must be at most 1024 bytes/);
  });

  it('names the field of malformed base64', () => {
    expect(message(() => buildJudging(dto({ encoding: 'base64', stdin: 'abc' }), config))).toMatch(/^stdin is not valid base64/);
    expect(message(() => buildJudging(dto({ encoding: 'base64', tests: [{ stdin: 'AA==', expectedOutput: '%%' }] }), config))).toMatch(
      /tests\[0\]\.expectedOutput is not valid base64/,
    );
  });

  it('bounds the number of cases and their timeouts by the configuration', () => {
    const four = Array.from({ length: 4 }, () => ({ expectedOutput: '' }));
    expect(message(() => buildJudging(dto({ tests: four }), config))).toMatch(/no more than 3 cases/);
    expect(message(() => buildJudging(dto({ tests: [{ expectedOutput: '', timeoutMs: 300_001 }] }), config))).toMatch(
      /tests\[0\]\.timeoutMs must not be greater than 300000/,
    );
  });

  it('refuses expectedOutput with tests, and a comparison with nothing to compare', () => {
    expect(message(() => buildJudging(dto({ expectedOutput: 'a', tests: [{ expectedOutput: 'b' }] }), config))).toMatch(
      /either expectedOutput or tests/,
    );
    expect(message(() => buildJudging(dto({ comparison: { mode: 'exact' } }), config))).toMatch(/comparison needs expectedOutput or tests/);
  });
});
