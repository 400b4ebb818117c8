import { Readable } from 'node:stream';
import { pack, type Header } from 'tar-stream';
import { ArchiveLimitError, packArchive, unpackArchive } from './job-archive';

/** Builds a tar with arbitrary headers, which packArchive (validated names only) cannot. */
async function rawTar(entries: { header: Partial<Header> & Pick<Header, 'name'>; data?: string }[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve) => tar.on('end', resolve));
  for (const { header, data } of entries) {
    await new Promise<void>((resolve, reject) => tar.entry(header, data ?? '', (err) => (err ? reject(err) : resolve())));
  }
  tar.finalize();
  await ended;
  return Buffer.concat(chunks);
}

const unpack = (tar: Buffer, maxBytes = 1024 * 1024) => unpackArchive(Readable.from([tar]), maxBytes);

describe('packArchive / unpackArchive', () => {
  it('round-trips paths, contents and modes', async () => {
    const binary = Buffer.from([0, 1, 2, 0xff, 0xfe]);
    const tar = await packArchive([
      { path: 'work/main.py', data: Buffer.from('print("hi")\n') },
      { path: 'work/bin/tool', data: binary, mode: 0o755 },
      { path: 'tmp/runq/stdin', data: Buffer.alloc(0) },
    ]);
    const files = await unpack(tar);
    expect(files.map((f) => f.path)).toEqual(['work/main.py', 'work/bin/tool', 'tmp/runq/stdin']);
    expect(files[0].data.toString()).toBe('print("hi")\n');
    expect(files[0].mode).toBe(0o644);
    expect(files[1].data.equals(binary)).toBe(true);
    expect(files[1].mode).toBe(0o755);
    expect(files[2].data.length).toBe(0);
  });

  it('round-trips a file larger than one tar block', async () => {
    const big = Buffer.alloc(10_000, 'x');
    const [file] = await unpack(await packArchive([{ path: 'work/big', data: big }]));
    expect(file.data.equals(big)).toBe(true);
  });

  it('packs an empty list into a readable, empty archive', async () => {
    expect(await unpack(await packArchive([]))).toEqual([]);
  });
});

describe('unpackArchive', () => {
  it('drops names that climb out or are absolute, keeping the safe ones', async () => {
    const tar = await rawTar([
      { header: { name: '../escape', type: 'file' }, data: 'x' },
      { header: { name: 'work/../../etc/passwd', type: 'file' }, data: 'x' },
      { header: { name: '/etc/shadow', type: 'file' }, data: 'x' },
      { header: { name: 'work/ok.txt', type: 'file' }, data: 'ok' },
    ]);
    const files = await unpack(tar);
    expect(files.map((f) => f.path)).toEqual(['work/ok.txt']);
    expect(files[0].data.toString()).toBe('ok');
  });

  it('keeps only regular files: no directories, links or devices', async () => {
    const tar = await rawTar([
      { header: { name: 'work/', type: 'directory' } },
      { header: { name: 'work/link', type: 'symlink', linkname: '/etc/passwd' } },
      { header: { name: 'work/hard', type: 'link', linkname: 'work/main' } },
      { header: { name: 'work/fifo', type: 'fifo' } },
      { header: { name: 'work/dev', type: 'character-device', devmajor: 1, devminor: 3 } },
      { header: { name: 'work/main', type: 'file', mode: 0o755 }, data: 'ELF' },
    ]);
    const files = await unpack(tar);
    expect(files).toEqual([{ path: 'work/main', data: Buffer.from('ELF'), mode: 0o755 }]);
  });

  it('normalises a leading ./ in names', async () => {
    const files = await unpack(await rawTar([{ header: { name: './work/a.c', type: 'file' }, data: 'int x;' }]));
    expect(files.map((f) => f.path)).toEqual(['work/a.c']);
  });

  it('strips setuid, setgid, sticky and group/other write bits', async () => {
    const files = await unpack(await rawTar([{ header: { name: 'work/s', type: 'file', mode: 0o7777 }, data: 'x' }]));
    expect(files[0].mode).toBe(0o755);
  });

  it('accepts an archive whose content is exactly maxBytes', async () => {
    const tar = await packArchive([
      { path: 'a', data: Buffer.alloc(6) },
      { path: 'b', data: Buffer.alloc(4) },
    ]);
    await expect(unpack(tar, 10)).resolves.toHaveLength(2);
  });

  it('throws ArchiveLimitError once the content passes maxBytes, counting across entries', async () => {
    const tar = await packArchive([
      { path: 'a', data: Buffer.alloc(6) },
      { path: 'b', data: Buffer.alloc(5) },
    ]);
    await expect(unpack(tar, 10)).rejects.toBeInstanceOf(ArchiveLimitError);
  });

  it('counts the bodies of dropped entries too', async () => {
    const tar = await rawTar([
      { header: { name: '../big', type: 'file' }, data: 'x'.repeat(50) },
      { header: { name: 'work/small', type: 'file' }, data: 'y' },
    ]);
    await expect(unpack(tar, 20)).rejects.toThrow(ArchiveLimitError);
  });

  it('rejects a stream that is not a tar', async () => {
    await expect(unpack(Buffer.from('this is not a tar archive'.repeat(40)))).rejects.toThrow();
  });
});
