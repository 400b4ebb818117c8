import { artifactMime } from './artifact-mime';

describe('artifactMime', () => {
  it('tells comma- and tab-separated tables from plain text', async () => {
    expect(await artifactMime(Buffer.from('x,y\n1,2\n3,"4,5"\n'))).toBe('text/csv');
    expect(await artifactMime(Buffer.from('x\ty\n1\t2\n'))).toBe('text/tab-separated-values');
    expect(await artifactMime(Buffer.from('hello, world\n'))).toBe('text/plain');
    expect(await artifactMime(Buffer.from('a,b\n1,2,3\n'))).toBe('text/plain');
  });

  it('leaves what the function-mode detector recognises as it is', async () => {
    expect(await artifactMime(Buffer.from('{"a": [1, 2]}'))).toBe('application/json');
    expect(await artifactMime(Buffer.from([0, 1, 2, 255]))).toBe('application/octet-stream');
  });
});
