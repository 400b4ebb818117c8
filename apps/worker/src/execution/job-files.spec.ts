import { artifactRequest } from './job-files';

const CAPS = { maxFiles: 20, maxFileBytes: 8 << 20, maxTotalBytes: 16 << 20 };

describe('artifactRequest', () => {
  it('asks for nothing without patterns, and for the whole caps for one run', () => {
    expect(artifactRequest(null, CAPS, 1)).toBeUndefined();
    expect(artifactRequest(['*.png'], CAPS, 1)).toEqual({ patterns: ['*.png'], ...CAPS });
  });

  it('shares the caps among test cases, at least one file of at least one byte each', () => {
    expect(artifactRequest(['*'], CAPS, 4)).toEqual({ patterns: ['*'], maxFiles: 5, maxFileBytes: 4 << 20, maxTotalBytes: 4 << 20 });
    const many = artifactRequest(['*'], CAPS, 100)!;
    expect(many.maxFiles).toBe(1);
    expect(many.maxTotalBytes * 100).toBeLessThanOrEqual(CAPS.maxTotalBytes);
    expect(many.maxFileBytes).toBe(many.maxTotalBytes);
  });
});
