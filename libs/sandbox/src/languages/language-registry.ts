import type { JobLimits } from '#contracts';
import { LANGUAGES } from './catalog';
import type { LanguageDefinition } from './language.types';

/** Looks languages up by id or alias, case-insensitively. */
export class LanguageRegistry {
  private readonly byName = new Map<string, LanguageDefinition>();

  constructor(readonly all: readonly LanguageDefinition[] = LANGUAGES) {
    for (const language of all) {
      for (const name of [language.id, ...language.aliases]) {
        const key = name.toLowerCase();
        if (this.byName.has(key)) throw new Error(`language name "${name}" is declared twice`);
        this.byName.set(key, language);
      }
    }
  }

  resolve(name: string): LanguageDefinition | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  ids(): string[] {
    return this.all.map((language) => language.id);
  }
}

/** Expands `{entry}` and `{sources}` in a language's argv. */
export function expandArgv(argv: readonly string[], entry: string, fileNames: readonly string[], extensions: readonly string[]): string[] {
  const sources = fileNames.filter((name) => extensions.some((ext) => name.endsWith(ext)));
  return argv.flatMap((arg) => {
    if (arg === '{sources}') return sources.length ? sources : [entry];
    return [arg.replaceAll('{entry}', entry)];
  });
}

export function parseVersion(output: string): string | null {
  return /\d+\.\d+(?:\.\d+)?/.exec(output)?.[0] ?? null;
}

/** A language's default limits: its own overrides, else the server's defaults, never above the maxima. */
export function defaultLimitsFor(language: LanguageDefinition, defaults: JobLimits, maxima: JobLimits): JobLimits {
  const limits = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof JobLimits)[]) {
    limits[key] = Math.min(language.limits?.[key] ?? defaults[key], maxima[key]);
  }
  return limits;
}
