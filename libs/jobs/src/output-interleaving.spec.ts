import { interleaved } from './output-interleaving';

const merge = (stdout: string, stderr: string, order?: number[]) => interleaved(Buffer.from(stdout), Buffer.from(stderr), order).toString();

describe('interleaved', () => {
  it('merges the streams in arrival order', () => expect(merge('a\nc\n', 'b\nd\n', [2, -2, 2, -2])).toBe('a\nb\nc\nd\n'));
  it('is stdout then stderr without an order', () => expect(merge('out', 'err')).toBe('outerr'));
  it('skips what a run counted past the kept bytes, and keeps bytes past the runs', () => {
    expect(merge('ab', 'xyz', [3, -1])).toBe('abxyz');
    expect(merge('abcd', 'x', [1, -1])).toBe('axbcd');
  });
});
