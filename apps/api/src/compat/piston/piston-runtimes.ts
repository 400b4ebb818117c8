import { rcompare, satisfies } from 'semver';
import { installedVersions, type LanguageDefinition } from '#languages';
import { PISTON_NAMES } from './piston-runtime-table';

/** One entry of GET /api/v2/runtimes. */
export interface PistonRuntime {
  language: string;
  version: string;
  aliases: string[];
  runtime?: string;
}

/** A Piston runtime with the runq language and installed version behind it. */
export interface ResolvedRuntime {
  runtime: PistonRuntime;
  language: LanguageDefinition;
  /** The installed version as runq names it (what a job's `version` selects). */
  runqVersion: string;
}

/**
 * A toolchain version as semver `x.y.z`, since Piston clients select with semver ranges:
 * the first run of dot-separated numbers, padded (`go1.22.2` → 1.22.2, `17.0.9+9` → 17.0.9, `8.7` → 8.7.0).
 */
export function toSemver(version: string): string | null {
  const match = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version);
  if (!match) return null;
  return [match[1], match[2] ?? '0', match[3] ?? '0'].map((part) => String(Number(part))).join('.');
}

/** Every installed version of every language, under its Piston name and aliases (plus runq's own aliases). */
export function pistonRuntimes(languages: readonly LanguageDefinition[], reported: Readonly<Record<string, string>>): ResolvedRuntime[] {
  const names = new Map(PISTON_NAMES.map((entry) => [entry.id, entry]));
  return languages.flatMap((language) => {
    const name = names.get(language.id);
    const aliases = [...new Set([...(name?.aliases ?? []), language.id, ...language.aliases])].filter(
      (alias) => alias !== (name?.language ?? language.id),
    );
    return installedVersions(language, reported).flatMap((runqVersion) => {
      const version = toSemver(runqVersion);
      if (!version) return [];
      const runtime: PistonRuntime = { language: name?.language ?? language.id, version, aliases };
      if (name?.runtime) runtime.runtime = name.runtime;
      return [{ runtime, language, runqVersion }];
    });
  });
}

/** The highest runtime named `language` (name or alias) whose version satisfies the semver `selector`, as Piston picks it. */
export function resolveRuntime(runtimes: readonly ResolvedRuntime[], language: string, selector: string): ResolvedRuntime | null {
  const matching = runtimes.filter(
    ({ runtime }) => (runtime.language === language || runtime.aliases.includes(language)) && satisfies(runtime.version, selector),
  );
  return matching.sort((a, b) => rcompare(a.runtime.version, b.runtime.version))[0] ?? null;
}
