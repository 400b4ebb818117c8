import type { SourceFile, TestCase, TextEncoding } from '#contracts';
import type { ExecutionFile, ExecutionTestCase } from '#sandbox';

/** Stored files (utf8 or base64 text) as the bytes the sandbox receives. */
export function toExecutionFiles(files: SourceFile[]): ExecutionFile[] {
  return files.map((file) => ({ name: file.name, data: Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8') }));
}

export const decode = (text: string, encoding: TextEncoding | string): Buffer =>
  Buffer.from(text, encoding === 'base64' ? 'base64' : 'utf8');

export function toExecutionTests(tests: TestCase[]): ExecutionTestCase[] {
  return tests.map((test) => ({
    stdin: decode(test.stdin, test.encoding),
    expectedOutput: decode(test.expectedOutput, test.encoding),
    ...(test.args ? { args: test.args } : {}),
    ...(test.timeoutMs !== undefined ? { timeoutMs: test.timeoutMs } : {}),
  }));
}
