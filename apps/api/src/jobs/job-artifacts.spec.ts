import { DomainError } from '#contracts';
import type { Job } from '#jobs';
import { findArtifact } from './job-artifacts';

const a = (name: string) => ({ name, size: 1, mime: 'text/plain', truncated: false, base64: 'eA==' });
const job = { id: 'j1', artifacts: [a('x.txt')], testResults: [{ index: 0, artifacts: [a('case.txt')] }] } as unknown as Job;

describe('findArtifact', () => {
  it("finds the job's artifact, or a test case's with `test`", () => {
    expect(findArtifact(job, 'x.txt', undefined).name).toBe('x.txt');
    expect(findArtifact(job, 'case.txt', 0).name).toBe('case.txt');
  });

  it('is not_found for an unknown name, invalid for an unknown test case', () => {
    expect(() => findArtifact(job, 'case.txt', undefined)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => findArtifact(job, 'x.txt', 3)).toThrow(DomainError);
    expect(() => findArtifact(job, 'x.txt', 3)).toThrow(/^test 3/);
  });
});
