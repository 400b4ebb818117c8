import type { JobLimits } from '#contracts';
import { LANGUAGES } from './catalog/index';
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

  /**
   * The language by id or alias; with a `version` that selects one of its variants ("21",
   * "21.0.9"), that variant's definition. Any other version gets the default entry.
   */
  resolve(name: string, version?: string | null): LanguageDefinition | undefined {
    const language = this.byName.get(name.trim().toLowerCase());
    if (!language || !version || !language.variants) return language;
    return languageVariants(language).find((v) => v.variant && isVersionOf(version, v.variant)) ?? language;
  }

  ids(): string[] {
    return this.all.map((language) => language.id);
  }
}

/** True when `version` is `prefix` or starts with it and a dot: "21.0.9" is a version of "21". */
export function isVersionOf(version: string, prefix: string): boolean {
  return version === prefix || version.startsWith(`${prefix}.`);
}

/** The default entry, then each variant as a full definition (same id, its own image, argv or env). */
export function languageVariants(language: LanguageDefinition): LanguageDefinition[] {
  const variants = (language.variants ?? []).map(({ major, ...overrides }) => ({
    ...language,
    ...overrides,
    variants: undefined,
    variant: major,
  }));
  return [language, ...variants];
}

/** Where a definition's version is kept (image label, worker heartbeat): the id, or `id@major` for a variant. */
export function versionKey(language: LanguageDefinition): string {
  return language.variant ? `${language.id}@${language.variant}` : language.id;
}

/**
 * Expands a language's argv placeholders (see LanguageDefinition). `{sources}` lists the
 * other sources in request order and the entry last, since some compilers (OCaml,
 * Fortran modules) need dependencies first; `{options}` may expand to nothing.
 */
export function expandArgv(
  argv: readonly string[],
  entry: string,
  fileNames: readonly string[],
  extensions: readonly string[],
  options: readonly string[] = [],
): string[] {
  const isSource = (name: string) => extensions.some((ext) => name.endsWith(ext));
  const others = fileNames.filter((name) => name !== entry && isSource(name));
  const stem = entry.replace(/\.[^./]*$/, '');
  return argv.flatMap((arg) => {
    if (arg === '{sources}') return [...others, entry];
    if (arg === '{options}') return [...options];
    return [arg.replaceAll('{entry}', entry).replaceAll('{stem}', stem)];
  });
}

/** The toolchain version in a version command's output: the pattern's first group, else the first x.y[.z]. */
export function parseVersion(output: string, pattern?: string): string | null {
  const match = new RegExp(pattern ?? '\\d+\\.\\d+(?:\\.\\d+)?').exec(output);
  return match?.[1] ?? match?.[0] ?? null;
}

/**
 * A job's CPU time limit when it does not set one: the default, or its wall-clock limit when
 * that is higher (so raising timeoutMs alone is never cut short by CPU time), within the maximum.
 */
export function cpuTimeFollowing(defaultCpuTimeMs: number, timeoutMs: number, maxCpuTimeMs: number): number {
  return Math.min(Math.max(defaultCpuTimeMs, timeoutMs), maxCpuTimeMs);
}

/** A language's default limits: its own overrides, else the server's defaults, never above the maxima. */
export function defaultLimitsFor(language: LanguageDefinition, defaults: JobLimits, maxima: JobLimits): JobLimits {
  const limits = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof JobLimits)[]) {
    limits[key] = Math.min(language.limits?.[key] ?? defaults[key], maxima[key]);
  }
  limits.cpuTimeMs = cpuTimeFollowing(limits.cpuTimeMs, limits.timeoutMs, maxima.cpuTimeMs);
  return limits;
}
