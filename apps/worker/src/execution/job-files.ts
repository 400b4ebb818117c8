import type { SourceFile } from '#contracts';
import type { ExecutionFile } from '#sandbox';

/** Stored files (utf8 or base64 text) as the bytes the sandbox receives. */
export function toExecutionFiles(files: SourceFile[]): ExecutionFile[] {
  return files.map((file) => ({ name: file.name, data: Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8') }));
}
