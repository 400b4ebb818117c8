import { unzipSync } from 'fflate';
import type { SourceFileDto } from '../../jobs/dto/create-job.dto';

/** Bounds on an archive, checked from its directory before anything is inflated. */
export interface ArchiveLimits {
  maxBytes: number;
  maxFiles: number;
}

export type ExtractedFiles = { ok: true; files: SourceFileDto[] } | { ok: false; message: string };

class ArchiveRefused extends Error {}

/** A name that would land outside the submission's directory (absolute, `..`, a drive or backslash path). */
function escapes(name: string): boolean {
  return name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || name.split('/').includes('..');
}

/**
 * Judge0's `additional_files`: a base64 zip whose files go next to the source. Sizes are
 * capped from the archive's directory (a bomb is refused before it is inflated, and an
 * entry that inflates past its declared size fails); directories are implied by paths.
 */
export function extractAdditionalFiles(base64: string, limits: ArchiveLimits): ExtractedFiles {
  const archive = Buffer.from(base64.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  let declared = 0;
  let count = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(archive, {
      filter: (file) => {
        if (file.name.endsWith('/')) return false;
        if (escapes(file.name)) throw new ArchiveRefused(`has a file outside the submission's directory: ${file.name}`);
        declared += file.originalSize;
        if (++count > limits.maxFiles) throw new ArchiveRefused(`must hold at most ${limits.maxFiles} files`);
        if (declared > limits.maxBytes) throw new ArchiveRefused(`must extract to at most ${limits.maxBytes} bytes`);
        return true;
      },
    });
  } catch (error) {
    return { ok: false, message: error instanceof ArchiveRefused ? error.message : 'is not a valid zip archive' };
  }
  const files = Object.entries(entries).map(([name, data]) => ({
    name,
    content: Buffer.from(data).toString('base64'),
    encoding: 'base64' as const,
  }));
  const total = Object.values(entries).reduce((sum, data) => sum + data.length, 0);
  if (total > limits.maxBytes) return { ok: false, message: `must extract to at most ${limits.maxBytes} bytes` };
  return { ok: true, files };
}
