import { DomainError, ISOLATE_LANGUAGES, type Isolation } from '#contracts';
import type { RunqConfig } from '#config';
import type { CreateJobDto } from './dto/create-job.dto';

/**
 * Where a function job runs: `isolate` only for JavaScript/TypeScript with one file, while
 * the operator has not turned isolates off; without `isolation` the operator's default.
 * Returns undefined for the container (the stored call leaves the field out).
 */
export function buildIsolation(dto: CreateJobDto, languageId: string, config: RunqConfig): Isolation | undefined {
  const mode = config.isolate.mode;
  const eligible = (ISOLATE_LANGUAGES as readonly string[]).includes(languageId) && (dto.files?.length ?? 1) === 1;
  if (dto.isolation === undefined) return mode === 'default' && eligible ? 'isolate' : undefined;
  if (dto.isolation === 'container') return undefined;
  if (mode === 'off') throw DomainError.invalid('isolation: isolate mode is off on this server (RUNQ_ISOLATE=off)', 'isolation');
  if (!(ISOLATE_LANGUAGES as readonly string[]).includes(languageId)) {
    throw DomainError.invalid(`isolation: isolate is available for ${ISOLATE_LANGUAGES.join(', ')}, not ${languageId}`, 'isolation');
  }
  if (!eligible) throw DomainError.invalid('isolation: isolate runs a single file (send code, or files with one entry)', 'isolation');
  return 'isolate';
}
