import { DomainError, type Artifact } from '#contracts';
import type { Job } from '#jobs';

/**
 * One artifact of a job: the job's own (plain and function runs) or, with `test`, that test
 * case's. An unknown name is not_found, as an unknown job is.
 */
export function findArtifact(job: Job, name: string, test: number | undefined): Artifact {
  let list: Artifact[] | null | undefined = job.artifacts;
  if (test !== undefined) {
    const result = job.testResults?.find((t) => t.index === test);
    if (!result) throw DomainError.invalid(`test ${test} is not a test case of job ${job.id}`, 'test');
    list = result.artifacts;
  }
  const found = list?.find((a) => a.name === name);
  if (!found || found.base64 === undefined) throw new DomainError('not_found', `artifact "${name}" of job ${job.id} was not found`);
  return found;
}
