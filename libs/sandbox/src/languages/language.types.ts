import type { JobLimits } from '#contracts';

/**
 * One language, declared as data. Placeholders in argv: `{entry}` is the entry file
 * name, `{sources}` expands to every file whose extension is in `sourceExtensions`.
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
  run: string[];
  /** argv that prints the toolchain version; the first x.y[.z] in its output is used. */
  version: string[];
  /** Defaults for this language, still capped by the server's maxima. */
  limits?: Partial<JobLimits>;
  /** A program that prints "hello", for docs and smoke tests. */
  hello: string;
}
