/** A file the collector sent (see images/runner/collect): its bytes are cut when `size` exceeds them. */
export interface CollectedFile {
  name: string;
  size: number;
  data: Buffer;
}

/** Room the collector's framing takes per file on top of the bytes: header line and name. */
export const FRAME_ROOM_PER_FILE = 1024 + 128;

const HEADER = /^file (\d+) (\d+) (\d+)$/;
const END = /^end (\d+)$/;

/** A name the host accepts: relative, inside the work directory, printable UTF-8. */
function safeName(raw: Buffer): string | null {
  const name = raw.toString('utf8');
  if (!Buffer.from(name, 'utf8').equals(raw)) return null;
  // eslint-disable-next-line no-control-regex -- control characters have no place in a file name we serve
  if (/[\u0000-\u001F\u007F]/.test(name) || name.startsWith('/')) return null;
  return name.split('/').some((part) => part === '' || part === '.' || part === '..') ? null : name;
}

/**
 * Cuts the collector's section (`\n<token> artifacts\n` … `<token> end <omitted>\n`) out of
 * stdout and reads its files. The program never saw the token, so it cannot forge one. A
 * section cut short (the container was killed while collecting) gives the files read whole.
 */
export function extractArtifacts(stdout: Buffer, token: string): { stdout: Buffer; files: CollectedFile[]; omitted: number } {
  const start = stdout.indexOf(`\n${token} artifacts\n`);
  if (start < 0) return { stdout, files: [], omitted: 0 };
  const prefix = Buffer.from(`${token} `);
  const files: CollectedFile[] = [];
  let at = start + prefix.length + 'artifacts\n'.length + 1;
  let omitted = 0;
  let end = stdout.length;
  while (at < stdout.length && stdout.subarray(at, at + prefix.length).equals(prefix)) {
    const lineEnd = stdout.indexOf(0x0a, at);
    if (lineEnd < 0) break;
    const line = stdout.subarray(at + prefix.length, lineEnd).toString('latin1');
    const done = END.exec(line);
    if (done) {
      omitted = Number(done[1]);
      end = lineEnd + 1;
      break;
    }
    const header = HEADER.exec(line);
    if (!header) break;
    const [nameLength, size, sent] = header.slice(1).map(Number);
    const nameEnd = lineEnd + 1 + nameLength;
    if (nameEnd + sent > stdout.length) break;
    const name = safeName(stdout.subarray(lineEnd + 1, nameEnd));
    if (name !== null) files.push({ name, size, data: Buffer.from(stdout.subarray(nameEnd, nameEnd + sent)) });
    at = nameEnd + sent;
  }
  return { stdout: Buffer.concat([stdout.subarray(0, start), stdout.subarray(end)]), files, omitted };
}
