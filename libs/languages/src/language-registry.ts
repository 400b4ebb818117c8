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

  resolve(name: string): LanguageDefinition | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  ids(): string[] {
    return this.all.map((language) => language.id);
  }
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
