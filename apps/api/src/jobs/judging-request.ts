import type { RunqConfig } from '#config';
import { DomainError, type Comparison, type TestCase, type TextEncoding } from '#contracts';
import type { CreateJobDto } from './dto/create-job.dto';
import { checkEncodedSize } from './encoded-text';

export interface JudgingFields {
  encoding: TextEncoding;
  stdin: string;
  expectedOutput: string | null;
  comparison: Comparison | null;
  tests: TestCase[] | null;
}

/**
 * Checks the judging part of a request: encodings and byte sizes of stdin, expected
 * output and test cases, the number of cases, and per-case time limits within the maxima.
 */
export function buildJudging(dto: CreateJobDto, config: RunqConfig): JudgingFields {
  const encoding = dto.encoding ?? 'utf8';
  const stdin = dto.stdin ?? '';
  checkEncodedSize(stdin, encoding, 'stdin', config.maxStdinBytes);
  if (dto.expectedOutput !== undefined) checkEncodedSize(dto.expectedOutput, encoding, 'expectedOutput', config.maxStdinBytes);
  if (dto.tests && dto.expectedOutput !== undefined) throw DomainError.invalid('send either expectedOutput or tests, not both', 'tests');
  if (dto.comparison && dto.expectedOutput === undefined && !dto.tests) {
    throw DomainError.invalid('comparison needs expectedOutput or tests', 'comparison');
  }
  let tests: TestCase[] | null = null;
  if (dto.tests) {
    const { maxTests } = config.judging;
    if (dto.tests.length > maxTests) throw DomainError.invalid(`tests must contain no more than ${maxTests} cases`, 'tests');
    let total = 0;
    tests = dto.tests.map((test, i) => {
      const caseEncoding = test.encoding ?? encoding;
      total += checkEncodedSize(test.stdin ?? '', caseEncoding, `tests[${i}].stdin`, config.maxStdinBytes);
      total += checkEncodedSize(test.expectedOutput, caseEncoding, `tests[${i}].expectedOutput`, config.maxStdinBytes);
      if (test.timeoutMs !== undefined && test.timeoutMs > config.maxima.timeoutMs) {
        throw DomainError.invalid(`tests[${i}].timeoutMs must not be greater than ${config.maxima.timeoutMs}`, `tests[${i}].timeoutMs`);
      }
      if (test.cpuTimeMs !== undefined && test.cpuTimeMs > config.maxima.cpuTimeMs) {
        throw DomainError.invalid(`tests[${i}].cpuTimeMs must not be greater than ${config.maxima.cpuTimeMs}`, `tests[${i}].cpuTimeMs`);
      }
      return {
        stdin: test.stdin ?? '',
        expectedOutput: test.expectedOutput,
        encoding: caseEncoding,
        ...(test.args ? { args: test.args } : {}),
        ...(test.timeoutMs !== undefined ? { timeoutMs: test.timeoutMs } : {}),
        ...(test.cpuTimeMs !== undefined ? { cpuTimeMs: test.cpuTimeMs } : {}),
      };
    });
    // All cases travel in one row and one request body: bound their sum too.
    if (total > config.maxBodyBytes) throw DomainError.invalid(`tests must hold at most ${config.maxBodyBytes} bytes in total`, 'tests');
  }
  const comparison = dto.comparison
    ? { mode: dto.comparison.mode, ...(dto.comparison.epsilon !== undefined ? { epsilon: dto.comparison.epsilon } : {}) }
    : null;
  return { encoding, stdin, expectedOutput: dto.expectedOutput ?? null, comparison, tests };
}
