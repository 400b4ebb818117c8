import { extractArtifacts } from './artifact-frame';

const TOKEN = 'f'.repeat(32);
const file = (name: string, data: Buffer | string, size = Buffer.byteLength(data)) =>
  Buffer.concat([Buffer.from(`${TOKEN} file ${Buffer.byteLength(name)} ${size} ${Buffer.byteLength(data)}\n${name}`), Buffer.from(data)]);
const section = (...parts: Buffer[]) => Buffer.concat([Buffer.from(`\n${TOKEN} artifacts\n`), ...parts, Buffer.from(`${TOKEN} end 0\n`)]);

describe('extractArtifacts', () => {
  it('cuts the section out of stdout and reads each file, bytes exact', () => {
    const binary = Buffer.from([0, 10, 255, 13, 10]);
    const stdout = Buffer.concat([
      Buffer.from('program output'),
      section(file('a.csv', 'x,y\n'), file('out/b.bin', binary)),
      Buffer.from('\nNONCE\n'),
    ]);
    const { stdout: rest, files } = extractArtifacts(stdout, TOKEN);
    expect(rest.toString()).toBe('program output\nNONCE\n');
    expect(files.map((f) => f.name)).toEqual(['a.csv', 'out/b.bin']);
    expect(files[1].data.equals(binary)).toBe(true);
    expect(files[1].size).toBe(5);
  });

  it('keeps the full size of a file sent cut', () => {
    const { files } = extractArtifacts(section(file('big.bin', 'abc', 30_000_000)), TOKEN);
    expect(files).toEqual([{ name: 'big.bin', size: 30_000_000, data: Buffer.from('abc') }]);
  });

  it('drops names that could leave the work directory or are not printable UTF-8', () => {
    const names = ['../x', '/etc/passwd', 'a//b', 'a/./b', 'line\nbreak', 'ok.txt'];
    const { files } = extractArtifacts(section(...names.map((n) => file(n, '1'))), TOKEN);
    expect(files.map((f) => f.name)).toEqual(['ok.txt']);
  });

  it('leaves stdout alone without the token, and reads whole files only from a section cut short', () => {
    const forged = Buffer.from(`\n${'0'.repeat(32)} artifacts\n`);
    expect(extractArtifacts(forged, TOKEN)).toEqual({ stdout: forged, files: [], omitted: 0 });
    const cut = section(file('a.txt', 'hello'), file('b.txt', 'world')).subarray(0, -42); // the end line and 3 bytes of world
    expect(extractArtifacts(cut, TOKEN).files.map((f) => f.name)).toEqual(['a.txt']);
  });
});
