import { DomainError } from '#contracts';
import { isVersionOf, languageVariants, versionKey } from './language-registry';
import type { LanguageDefinition } from './language.types';

/** The installed versions of a language's toolchain, default first, from what workers report (by versionKey). */
export function installedVersions(language: LanguageDefinition, reported: Readonly<Record<string, string>>): string[] {
  return languageVariants(language).flatMap((l) => reported[versionKey(l)] ?? []);
}

/**
 * The version a job of `language` runs on, given the versions live workers report (by
 * versionKey: the id, or `id@major` for a further version of the toolchain). Refuses a
 * language no live worker has (once any worker has reported) and a requested version that
 * is not a prefix of an installed one ("3", "3.11", "3.11.2"; "21" for Java 21 beside 25).
 * Without a request, the default version; with no report yet, the request's version stands.
 */
export function installedVersion(
  language: LanguageDefinition,
  requested: string | undefined,
  reported: Readonly<Record<string, string>>,
): string | null {
  const installed = installedVersions(language, reported);
  if (!installed.length && Object.keys(reported).length) {
    const ids = Object.keys(reported).filter((key) => !key.includes('@'));
    throw DomainError.invalid(`language "${language.id}" is not installed on any live worker; installed: ${ids.join(', ')}`, 'language');
  }
  if (!requested) return installed[0] ?? null;
  if (!installed.length) return requested;
  const match = installed.find((version) => isVersionOf(version, requested));
  if (!match) {
    throw DomainError.invalid(`version "${requested}" of ${language.id} is not available; installed: ${installed.join(', ')}`, 'version');
  }
  return match;
}
