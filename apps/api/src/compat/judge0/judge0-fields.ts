import { ALL_FIELDS, DEFAULT_FIELDS, type SubmissionField } from '#jobs';
import { Judge0Error } from './judge0-error';

const KNOWN = new Set<string>(ALL_FIELDS);

/** The `fields` query: a comma list without trimming, `*` for all; unknown names are Judge0's 400. */
export function parseFields(query: unknown): readonly SubmissionField[] {
  if (query === undefined || query === '') return DEFAULT_FIELDS;
  const text = Array.isArray(query) ? query.join(',') : String(query);
  if (text === '*') return ALL_FIELDS;
  const names = text.split(',');
  const unknown = names.filter((name) => !KNOWN.has(name));
  if (unknown.length) throw Judge0Error.badRequest(`invalid fields: [${unknown.join(', ')}]`);
  return names as SubmissionField[];
}
