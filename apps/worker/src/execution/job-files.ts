import type { ArtifactRequest, SourceFile, TestCase, TextEncoding } from '#contracts';
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

/**
 * What the sandbox collects after each run stage. A job with test cases shares the caps
 * among its cases (each gets its part, at least one file), so that a job's stored
 * artifacts stay within the caps whatever its number of cases.
 */
export function artifactRequest(
  patterns: string[] | null,
  caps: Omit<ArtifactRequest, 'patterns'>,
  runs: number,
): ArtifactRequest | undefined {
  if (!patterns) return undefined;
  const share = Math.max(1, runs);
  const maxTotalBytes = Math.max(1, Math.floor(caps.maxTotalBytes / share));
  return {
    patterns,
    maxFiles: Math.max(1, Math.floor(caps.maxFiles / share)),
    maxFileBytes: Math.min(caps.maxFileBytes, maxTotalBytes),
    maxTotalBytes,
  };
}
