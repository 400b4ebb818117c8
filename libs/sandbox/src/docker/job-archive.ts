import { extract, pack } from 'tar-stream';
import type { Readable } from 'node:stream';

export interface ArchiveFile {
  /** Path inside the archive, e.g. `work/main.py`. */
  path: string;
  data: Buffer;
  mode?: number;
}

/** Packs files into an in-memory tar (the job's stdin). Names were validated upstream. */
export async function packArchive(files: readonly ArchiveFile[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  for (const file of files) {
    await new Promise<void>((resolve, reject) =>
      tar.entry({ name: file.path, mode: file.mode ?? 0o644, mtime: new Date(0) }, file.data, (err) => (err ? reject(err) : resolve())),
    );
  }
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}

export class ArchiveLimitError extends Error {}

/**
 * Reads a tar produced inside a sandbox, in memory, never touching the host's disk.
 * Only regular files with relative names are kept; the total is capped, since the
 * stream may have been shaped by code the sandbox ran.
 */
export async function unpackArchive(source: Readable, maxBytes: number): Promise<ArchiveFile[]> {
  const reader = extract();
  const files: ArchiveFile[] = [];
  let total = 0;
  source.pipe(reader);
  for await (const entry of reader) {
    const { name, type, mode } = entry.header;
    const chunks: Buffer[] = [];
    for await (const chunk of entry) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        source.destroy();
        throw new ArchiveLimitError(`sandbox output archive is larger than ${maxBytes} bytes`);
      }
      if (type === 'file') chunks.push(chunk as Buffer);
    }
    const clean = name.replace(/^\.\//, '').replace(/\/$/, '');
    if (type !== 'file' || clean.startsWith('/') || clean.split('/').includes('..')) continue;
    files.push({ path: clean, data: Buffer.concat(chunks), mode: (mode ?? 0o644) & 0o755 });
  }
  return files;
}
