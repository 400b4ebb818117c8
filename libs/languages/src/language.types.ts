import type { JobLimits } from '#contracts';

/**
 * One language, declared as data. Placeholders in argv:
 * `{entry}` the entry file, `{stem}` its name without extension, `{sources}` every file
 * whose extension is in `sourceExtensions`, `{options}` the job's allowlisted compile options.
 */
export interface LanguageDefinition {
  id: string;
  name: string;
  aliases: string[];
  /** Image name without the configured prefix (RUNQ_IMAGE_PREFIX). */
  image: string;
  /** Entry file name when the job sends `code` rather than `files`. */
  fileName: string;
  sourceExtensions: string[];
  /** argv of the compile stage, run in /work; absent for interpreted languages. */
  compile?: string[];
  /**
   * What the compile stage writes in /work, so that no file of a job is silently replaced:
   * `{source}` stands for each source file's path without its extension.
   */
  compileOutputs?: string[];
  run: string[];
  /** argv that prints the toolchain version (stdout and stderr are both read). */
  version: string[];
  /** Where the version is in that output: a regex whose first group (or match) is it. */
  versionPattern?: string;
  /** Environment for both stages (never secrets): e.g. a writable HOME or cache dir. */
  env?: string[];
  /** Run-stage defaults for this language, still capped by the server's maxima. */
  limits?: Partial<JobLimits>;
  /** Compile-stage overrides of the server's compile limits. */
  compileLimits?: { timeoutMs?: number; memoryMb?: number; processes?: number };
  /** Flags a job may pass in `compileOptions`, each exactly as listed (no shell, no free text). */
  compileOptions?: string[];
  /** A program that prints "hello", for docs, the playground and smoke tests. */
  hello: string;
  /** Other versions of the toolchain, which a job selects with `version`; the entry itself is the default. */
  variants?: LanguageVariant[];
  /** Set on a variant's expanded definition only (see `languageVariants`): its `major`. */
  variant?: string;
}

/** Another version of a language's toolchain: what differs from the default entry. */
export interface LanguageVariant extends Partial<
  Pick<LanguageDefinition, 'image' | 'compile' | 'run' | 'version' | 'versionPattern' | 'env'>
> {
  /** The version a job asks for to get this one: `version` equal to it or starting with it and a dot ("21", "21.0.9"). */
  major: string;
}
