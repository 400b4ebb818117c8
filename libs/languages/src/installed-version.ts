import { DomainError } from '#contracts';

/**
 * The version a job of `languageId` runs on, given the versions live workers report
 * (language id → installed version). Refuses a language no live worker has (once any
 * worker has reported) and a requested version that is not a prefix of the installed
 * one ("3", "3.11", "3.11.2"). With no report yet, the request's version stands.
 */
export function installedVersion(
  languageId: string,
  requested: string | undefined,
  installed: Readonly<Record<string, string>>,
): string | null {
  const version = installed[languageId] ?? null;
  if (!version && Object.keys(installed).length) {
    throw DomainError.invalid(
      `language "${languageId}" is not installed on any live worker; installed: ${Object.keys(installed).join(', ')}`,
      'language',
    );
  }
  if (requested && version && !(version === requested || version.startsWith(`${requested}.`))) {
    throw DomainError.invalid(`version "${requested}" of ${languageId} is not available; installed: ${version}`, 'version');
  }
  return version ?? requested ?? null;
}
