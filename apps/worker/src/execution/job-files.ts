import type { SourceFile, TestCase, TextEncoding } from '#contracts';
import type { ExecutionFile, ExecutionTestCase } from '#sandbox';

/** Stored text (utf8, or base64 for binary data) as the bytes it stands for. */
export const decode = (text: string, encoding: TextEncoding | string | undefined): Buffer =>
  Buffer.from(text, encoding === 'base64' ? 'base64' : 'utf8');

export function toExecutionFiles(files: SourceFile[]): ExecutionFile[] {
  return files.map((file) => ({ name: file.name, data: decode(file.content, file.encoding) }));
}

export function toExecutionTests(tests: TestCase[]): ExecutionTestCase[] {
  return tests.map((test) => ({
    stdin: decode(test.stdin, test.encoding),
    expectedOutput: decode(test.expectedOutput, test.encoding),
    ...(test.args ? { args: test.args } : {}),
    ...(test.timeoutMs !== undefined ? { timeoutMs: test.timeoutMs } : {}),
    ...(test.cpuTimeMs !== undefined ? { cpuTimeMs: test.cpuTimeMs } : {}),
  }));
}
