import { DEFAULT_POOL } from '#contracts';
import { listItems } from './transforms';

const POOL_NAME = /^[a-z][a-z0-9-]{0,30}$/;
const LANGUAGE_ID = /^[a-z][a-z0-9+#-]{0,30}$/;

/**
 * Parses RUNQ_POOLS, e.g. `jvm=java,kotlin,scala;native=c,cpp,rust`, into language -> pool.
 * Languages not listed stay in the `default` pool. Throws a readable message on bad input.
 */
export function parsePools(text: string): Record<string, string> {
  const byLanguage: Record<string, string> = {};
  for (const entry of listItems(text, ';')) {
    const [pool, list = ''] = entry.split('=', 2).map((s) => s.trim());
    if (!POOL_NAME.test(pool) || pool === DEFAULT_POOL) {
      throw new Error(`RUNQ_POOLS: "${pool}" is not a pool name (lowercase letters, digits and -, not "${DEFAULT_POOL}")`);
    }
    const languages = listItems(list);
    if (!languages.length) throw new Error(`RUNQ_POOLS: pool "${pool}" lists no languages (write ${pool}=lang1,lang2)`);
    for (const language of languages) {
      if (!LANGUAGE_ID.test(language)) throw new Error(`RUNQ_POOLS: "${language}" is not a language id`);
      if (byLanguage[language]) throw new Error(`RUNQ_POOLS: ${language} is in both ${byLanguage[language]} and ${pool}`);
      byLanguage[language] = pool;
    }
  }
  return byLanguage;
}

/** All pool names: `default` first, then the configured ones. */
export function poolNames(byLanguage: Record<string, string>): string[] {
  return [DEFAULT_POOL, ...new Set(Object.values(byLanguage))];
}

/** Fails start-up when RUNQ_POOLS names a language the catalog does not have. */
export function assertPoolLanguagesKnown(byLanguage: Record<string, string>, known: string[]): void {
  const unknown = Object.keys(byLanguage).filter((id) => !known.includes(id));
  if (unknown.length) throw new Error(`Invalid configuration: RUNQ_POOLS names unknown languages: ${unknown.join(', ')}`);
}

/** The pool that runs a language: its RUNQ_POOLS entry, else `default`. */
export function poolOf(language: string, byLanguage: Record<string, string>): string {
  return byLanguage[language] ?? DEFAULT_POOL;
}

/** The catalog languages a pool runs. */
export function languagesOfPool(pool: string, byLanguage: Record<string, string>, known: string[]): string[] {
  return known.filter((id) => poolOf(id, byLanguage) === pool);
}
