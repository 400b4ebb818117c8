import { DomainError } from '#contracts';
import type { NewJob } from '#jobs';
import type { CreateJobDto } from './dto/create-job.dto';

/**
 * The job's artifact patterns, each relative to the work directory: no absolute path, no `..`
 * (the collector walks only /work, this says so to the client), no control characters (the
 * collector reads one pattern a line). An empty list asks for nothing.
 */
export function buildArtifacts(dto: Pick<CreateJobDto, 'artifacts'>): Pick<NewJob, 'artifactPatterns'> {
  const patterns = dto.artifacts ?? [];
  patterns.forEach((pattern, i) => {
    const field = `artifacts[${i}]`;
    const refuse = (why: string) => DomainError.invalid(`${field} "${pattern}" ${why}`, field);
    if (pattern.trim() === '') throw refuse('must not be empty');
    // eslint-disable-next-line no-control-regex -- one pattern a line in the collector's instructions
    if (/[\u0000-\u001F\u007F]/.test(pattern)) throw refuse('must not contain control characters');
    if (pattern.startsWith('/') || pattern.includes('\\')) throw refuse('must be relative to the work directory, with / separators');
    if (pattern.split('/').includes('..')) throw refuse('must not contain ".." (only files inside the work directory come back)');
  });
  return { artifactPatterns: patterns.length ? patterns : null };
}
