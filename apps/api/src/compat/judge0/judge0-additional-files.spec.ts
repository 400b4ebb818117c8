import { zipSync } from 'fflate';
import { extractAdditionalFiles } from './judge0-additional-files';

const zip = (files: Record<string, string>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, Buffer.from(text)])))).toString('base64');
const limits = { maxBytes: 1000, maxFiles: 3 };

describe('extractAdditionalFiles', () => {
  it('gives the files of a base64 zip (line breaks tolerated), paths kept, directories implied', () => {
    const archive = zip({ 'helper.py': 'X = 1', 'data/in.txt': 'abc' }).replace(/(.{60})/g, '$1\n');
    expect(extractAdditionalFiles(archive, limits)).toEqual({
      ok: true,
      files: [
        { name: 'helper.py', content: Buffer.from('X = 1').toString('base64'), encoding: 'base64' },
        { name: 'data/in.txt', content: Buffer.from('abc').toString('base64'), encoding: 'base64' },
      ],
    });
  });

  it('refuses paths outside the directory, too many or too large files, and what is not a zip', () => {
    expect(extractAdditionalFiles(zip({ '../evil.sh': 'x' }), limits)).toEqual({
      ok: false,
      message: "has a file outside the submission's directory: ../evil.sh",
    });
    expect(extractAdditionalFiles(zip({ '/etc/passwd': 'x' }), limits).ok).toBe(false);
    expect(extractAdditionalFiles(zip({ a: '1', b: '2', c: '3', d: '4' }), limits)).toEqual({
      ok: false,
      message: 'must hold at most 3 files',
    });
    expect(extractAdditionalFiles(zip({ big: '0'.repeat(1001) }), limits)).toEqual({
      ok: false,
      message: 'must extract to at most 1000 bytes',
    });
    expect(extractAdditionalFiles(Buffer.from('not a zip').toString('base64'), limits)).toEqual({
      ok: false,
      message: 'is not a valid zip archive',
    });
  });
});
