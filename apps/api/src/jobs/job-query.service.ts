import { Injectable } from '@nestjs/common';
import { DomainError } from '#contracts';
import { JobRepository, type Job } from '#jobs';
import { LanguageRegistry } from '#languages';
import type { Caller } from '../auth/caller';
import type { ListJobsQuery } from './dto/job-queries.dto';
import { parseInstant } from './dto/instant.validator';
import { decodeCursor, encodeCursor, filterFingerprint, isUuid } from './job-cursor';

/** A user key sees its own jobs; an admin key sees all. */
export function canSee(row: Job, caller: Caller): boolean {
  return caller.role === 'admin' || row.apiKeyId === caller.keyId;
}

/** The job if the caller may see it; another key's job is not_found, exactly as an unknown one. */
export async function findVisible(jobs: JobRepository, id: string, caller: Caller): Promise<Job> {
  const row = isUuid(id) ? await jobs.findById(id) : null;
  if (!row || !canSee(row, caller)) throw new DomainError('not_found', `job ${id} was not found`);
  return row;
}

/** Reading jobs as a caller may see them: one, several by id, or a page. */
@Injectable()
export class JobQueryService {
  constructor(
    private readonly jobs: JobRepository,
    private readonly languages: LanguageRegistry,
  ) {}

  get(id: string, caller: Caller): Promise<Job> {
    return findVisible(this.jobs, id, caller);
  }

  /** The jobs with these ids that the caller may see, in order; null for the others (unknown or malformed ids included). */
  async getMany(ids: string[], caller: Caller): Promise<(Job | null)[]> {
    // Only well-formed ids reach the database (a malformed uuid is a query error there, not a miss).
    const found = await this.jobs.findMany(ids.filter(isUuid).map((id) => id.toLowerCase()));
    const byId = new Map(found.flatMap((row) => (row ? [[row.id, row] as const] : [])));
    return ids.map((id) => {
      const row = byId.get(id.toLowerCase());
      return row && canSee(row, caller) ? row : null;
    });
  }

  async list(query: ListJobsQuery, caller: Caller): Promise<{ items: Job[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    const language = query.language ? (this.languages.resolve(query.language)?.id ?? query.language) : undefined;
    const createdAfter = query.createdAfter ? parseInstant(query.createdAfter) : null;
    const createdBefore = query.createdBefore ? parseInstant(query.createdBefore) : null;
    if (createdAfter && createdBefore && createdAfter > createdBefore)
      throw DomainError.invalid('createdAfter must not be later than createdBefore', 'createdAfter');
    // A cursor continues only the listing that returned it, not one with other filters.
    const fingerprint = filterFingerprint([
      query.status,
      query.outcome,
      language,
      createdAfter?.toISOString(),
      createdBefore?.toISOString(),
    ]);
    const rows = await this.jobs.list({
      status: query.status,
      outcome: query.outcome,
      language,
      apiKeyId: caller.role === 'admin' ? undefined : caller.keyId,
      createdAfter: createdAfter ?? undefined,
      createdBefore: createdBefore ?? undefined,
      before: query.cursor ? decodeCursor(query.cursor, fingerprint) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last, fingerprint) : null };
  }
}
