import type { LanguageRegistry } from '#languages';

/** A runtime setting that names no known language or a runtime the engine lacks. */
export class RuntimeSelectionError extends Error {}

/** Maps configured names (ids or aliases) to language ids; an unknown name is an error listing the valid ids. */
export function resolveRuntimeOverrides(overrides: Record<string, string>, registry: LanguageRegistry): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, runtime] of Object.entries(overrides)) {
    const language = registry.resolve(name);
    if (!language)
      throw new RuntimeSelectionError(
        `RUNQ_RUNTIME_OVERRIDES names an unknown language "${name}"; valid ids: ${registry.ids().join(', ')}`,
      );
    if (resolved[language.id] && resolved[language.id] !== runtime)
      throw new RuntimeSelectionError(`RUNQ_RUNTIME_OVERRIDES gives ${language.id} two runtimes (${resolved[language.id]}, ${runtime})`);
    resolved[language.id] = runtime;
  }
  return resolved;
}

/** Every runtime the worker would use must be registered with its Docker engine (`docker info` Runtimes). */
export function checkRuntimesAvailable(runtime: string, overrides: Record<string, string>, available: readonly string[]): void {
  const wanted = [
    ['RUNQ_RUNTIME', runtime],
    ...Object.entries(overrides).map(([language, r]) => [`RUNQ_RUNTIME_OVERRIDES (${language})`, r]),
  ];
  for (const [setting, name] of wanted) {
    if (!available.includes(name))
      throw new RuntimeSelectionError(
        `${setting}: the Docker engine has no runtime "${name}" (it has: ${available.join(', ') || 'none'}); register it in the daemon's "runtimes" configuration`,
      );
  }
}
