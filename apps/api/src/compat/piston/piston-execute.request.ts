import { DomainError } from '#contracts';
import { resolveRuntime, type ResolvedRuntime } from './piston-runtimes';

export const PISTON_ENCODINGS = ['utf8', 'base64', 'hex'] as const;
export type PistonEncoding = (typeof PISTON_ENCODINGS)[number];

export interface PistonFile {
  name?: string;
  content: string;
  encoding: PistonEncoding;
}

/** Piston's six limits, in its units (ms, bytes); absent = runq's default. */
export type PistonLimitName = `${'compile' | 'run'}_${'memory_limit' | 'timeout' | 'cpu_time'}`;
export type PistonLimits = Partial<Record<PistonLimitName, number>>;

/** The configured maximum of each limit, in Piston's units. */
export type PistonMaxima = Record<PistonLimitName, number>;

/** A POST /api/v2/execute body that passed Piston's checks, with the runtime it selects. */
export interface PistonExecuteRequest {
  runtime: ResolvedRuntime;
  files: PistonFile[];
  stdin: string;
  args: string[];
  limits: PistonLimits;
}

// Piston's order of checks: memory, then timeouts, then CPU time; compile before run.
const LIMIT_NAMES: PistonLimitName[] = (['memory_limit', 'timeout', 'cpu_time'] as const).flatMap((limit) =>
  (['compile', 'run'] as const).map((stage): PistonLimitName => `${stage}_${limit}`),
);

const invalid = (message: string, field: string) => DomainError.invalid(message, field);

/**
 * Checks an execute body as Piston does, in its order and with its messages, and selects the
 * runtime. `-1` for a limit means runq's default (Piston: "no limit", which runq does not offer).
 */
export function parsePistonExecute(body: unknown, runtimes: readonly ResolvedRuntime[], maxima: PistonMaxima): PistonExecuteRequest {
  const req = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const { language, version, files } = req;
  if (typeof language !== 'string') throw invalid('language is required as a string', 'language');
  if (typeof version !== 'string') throw invalid('version is required as a string', 'version');
  if (!Array.isArray(files)) throw invalid('files is required as an array', 'files');
  files.forEach((file, i) => {
    if (typeof (file as { content?: unknown } | null)?.content !== 'string')
      throw invalid(`files[${i}].content is required as a string`, `files[${i}].content`);
  });
  const runtime = resolveRuntime(runtimes, language, version);
  if (!runtime) throw invalid(`${language}-${version} runtime is unknown`, 'language');
  const parsed = files.map((file: Record<string, unknown>, i) => parseFile(file, i));
  if (!parsed.some((file) => file.encoding === 'utf8')) throw invalid('files must include at least one utf8 encoded file', 'files');
  return { runtime, files: parsed, stdin: parseStdin(req.stdin), args: parseArgs(req.args), limits: parseLimits(req, maxima) };
}

function parseFile(file: Record<string, unknown>, i: number): PistonFile {
  const { name, content, encoding = 'utf8' } = file;
  if (name !== undefined && name !== null && typeof name !== 'string')
    throw invalid(`files[${i}].name must be a string`, `files[${i}].name`);
  if (!PISTON_ENCODINGS.includes(encoding as PistonEncoding))
    throw invalid(`files[${i}].encoding must be one of ${PISTON_ENCODINGS.join(', ')}`, `files[${i}].encoding`);
  return { ...(typeof name === 'string' && name ? { name } : {}), content: content as string, encoding: encoding as PistonEncoding };
}

/** Piston appends the newline a terminal would have sent. */
function parseStdin(stdin: unknown): string {
  if (stdin === undefined || stdin === null) return '\n';
  if (typeof stdin !== 'string') throw invalid('stdin must be a string', 'stdin');
  return stdin.endsWith('\n') ? stdin : `${stdin}\n`;
}

function parseArgs(args: unknown): string[] {
  if (args === undefined || args === null) return [];
  if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string')) throw invalid('args must be an array of strings', 'args');
  return args;
}

function parseLimits(req: Record<string, unknown>, maxima: PistonMaxima): PistonLimits {
  const limits: PistonLimits = {};
  for (const name of LIMIT_NAMES) {
    const value = req[name];
    if (!value || value === -1) continue; // Piston skips falsy values; -1 is "the default"
    if (typeof value !== 'number') throw invalid(`If specified, ${name} must be a number`, name);
    if (value > maxima[name]) throw invalid(`${name} cannot exceed the configured limit of ${maxima[name]}`, name);
    if (value < 0) throw invalid(`${name} must be non-negative`, name);
    limits[name] = value;
  }
  return limits;
}
