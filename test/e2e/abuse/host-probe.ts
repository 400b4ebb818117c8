import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the host looks like from the outside, so a case can show it left the host
 * unchanged: a marker directory that symlink cases aim at, files named after a case's
 * token, and processes whose command line carries the token.
 */
export class HostMarker {
  readonly dir: string;
  readonly secret: string;

  constructor() {
    this.dir = `/tmp/runq-abuse-marker-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.secret = `runq-host-secret-${randomBytes(12).toString('hex')}`;
    mkdirSync(join(this.dir, 'sub'), { recursive: true, mode: 0o755 });
    writeFileSync(join(this.dir, 'secret.txt'), this.secret, { mode: 0o600 });
    writeFileSync(join(this.dir, 'sub', 'keep.txt'), 'keep\n', { mode: 0o644 });
  }

  /** Every entry below the marker: path, type, mode, owner, size, mtime, content hash or link target. */
  snapshot(): string {
    const lines: string[] = [];
    const walk = (path: string) => {
      const st = lstatSync(path);
      let detail = '';
      if (st.isSymbolicLink()) detail = `-> ${readlinkSync(path)}`;
      else if (st.isFile()) detail = createHash('sha256').update(readFileSync(path)).digest('hex');
      lines.push(`${path} ${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.size} ${st.mtimeMs} ${detail}`);
      if (st.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
    };
    walk(this.dir);
    return lines.join('\n');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Host directories a job could hope to write to if it escaped; searched a few levels deep. */
const WATCHED_DIRS = ['/tmp', '/var/tmp', '/', '/root', '/etc', '/dev/shm', '/run'];

/** Paths on the host whose name contains the token. */
export function hostFilesNamed(token: string, extraDirs: string[] = []): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (name.includes(token)) found.push(path);
      if (depth > 0 && !path.startsWith('/proc') && !path.startsWith('/sys')) {
        try {
          if (lstatSync(path).isDirectory()) walk(path, depth - 1);
        } catch {
          // vanished meanwhile
        }
      }
    }
  };
  for (const dir of [...WATCHED_DIRS, ...extraDirs]) walk(dir, dir === '/' ? 0 : 2);
  return [...new Set(found)];
}

/** Host processes whose command line contains the token (container processes of runc are host processes). */
export function hostProcessesWith(token: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    if (Number(pid) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`).toString().replaceAll('\0', ' ');
      if (cmdline.includes(token)) found.push(`${pid}: ${cmdline.trim()}`);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}
