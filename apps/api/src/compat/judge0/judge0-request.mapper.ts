import { parse } from 'shell-quote';
import { milliseconds } from '#jobs';
import { isPlainObject } from '../../common/body-validation';
import { MAX_FILES, type CreateJobDto, type LimitsDto } from '../../jobs/dto/create-job.dto';
import { extractAdditionalFiles } from './judge0-additional-files';
import { Judge0Attributes } from './judge0-attributes';
import { JUDGE0_ARCHIVED_MAX_ID, judge0Language } from './judge0-languages';
import type { JobExtras } from '../../jobs/job-submission.service';
import type { Judge0Limits } from './judge0-limits';

/** What the mapper needs to know of a runq language. */
export interface RunqLanguageFacts {
  fileName: string;
  compiled: boolean;
}

export interface MappingContext {
  base64: boolean;
  limits: Judge0Limits;
  language: (runqId: string) => RunqLanguageFacts | undefined;
}

/** A Judge0 submission as a runq job request (and what its job records beside it), or Judge0's 422 errors. */
export type MappedRequest = { ok: true; dto: CreateJobDto; extras: JobExtras } | { ok: false; errors: Record<string, string[]> };

const MAX_OPTION_LENGTH = 512;
/** runq's file count per job, less the source itself. */
const MAX_EXTRA_FILES = MAX_FILES - 1;
/** runq's own floors: Judge0 accepts lower values, runq runs them at these. */
const MIN_TIME_MS = 100;
const MIN_MEMORY_MB = 16;
const MIN_PROCESSES = 4;

/** Base64 in, as Ruby's lenient Base64.decode64; runq stores it canonical. */
const canonical = (text: string, base64: boolean): string =>
  (base64 ? Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64') : Buffer.from(text)).toString('base64');

/** Shell words without a shell: an operator, glob or substitution is refused, not interpreted. */
function words(attrs: Judge0Attributes, attr: string, text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const parsed = parse(text, (name) => `$${name}`);
  if (!parsed.every((word): word is string => typeof word === 'string')) {
    attrs.add(attr, 'must be plain words (quotes allowed, no shell operators)');
    return undefined;
  }
  return parsed;
}

/**
 * Validates a Judge0 create body in Judge0's terms and maps it onto a runq job request.
 * Texts travel base64 so that bytes arrive exactly; limits go from seconds and KB to runq's units.
 */
export function mapJudge0Request(body: unknown, context: MappingContext): MappedRequest {
  const attrs = new Judge0Attributes(isPlainObject(body) ? body : {});
  const { limits } = context;
  const languageId = attrs.number('language_id', { min: -Infinity, max: Infinity });
  let language: RunqLanguageFacts | undefined;
  if (!attrs.present('language_id')) attrs.add('language_id', "can't be blank");
  else if (languageId !== undefined) {
    const entry = Number.isInteger(languageId) ? judge0Language(languageId) : undefined;
    language = entry && context.language(entry.runq);
    if (Number.isInteger(languageId) && languageId >= 1 && languageId <= JUDGE0_ARCHIVED_MAX_ID)
      attrs.add('language_id', `language with id ${languageId} is archived and cannot be used anymore`);
    else if (!language) attrs.add('language_id', `language with id ${languageId} doesn't exist`);
  }
  const source = attrs.text('source_code');
  if (source === undefined) attrs.add('source_code', "can't be blank");
  const stdin = attrs.text('stdin');
  const expected = attrs.text('expected_output');
  const compilerOptions = words(attrs, 'compiler_options', attrs.text('compiler_options', MAX_OPTION_LENGTH));
  if (compilerOptions && language && !language.compiled)
    attrs.add('compiler_options', 'setting compiler options is only allowed for compiled languages');
  const args = words(attrs, 'command_line_arguments', attrs.text('command_line_arguments', MAX_OPTION_LENGTH));
  const cpu = attrs.number('cpu_time_limit', { min: 0, max: limits.maxCpuTime, float: true });
  const extra = attrs.number('cpu_extra_time', { min: 0, max: limits.maxCpuExtraTime, float: true });
  const wall = attrs.number('wall_time_limit', { min: 1, max: limits.maxWallTime, float: true });
  const memory = attrs.number('memory_limit', { min: 2048, max: limits.maxMemoryKb });
  attrs.number('stack_limit', { min: 0, max: limits.maxMemoryKb });
  const processes = attrs.number('max_processes_and_or_threads', { min: 0, max: limits.maxProcesses, greaterThan: true });
  attrs.number('max_file_size', { min: 0, max: limits.maxMemoryKb });
  const runs = attrs.number('number_of_runs', { min: 0, max: limits.maxNumberOfRuns, greaterThan: true });
  for (const option of ['enable_per_process_and_thread_time_limit', 'enable_per_process_and_thread_memory_limit'])
    if (attrs.flag(option)) attrs.add(option, 'this option cannot be enabled');
  if (attrs.flag('enable_network')) attrs.add('enable_network', 'enabling network is not allowed');
  const callbackUrl = attrs.text('callback_url');
  const archive = attrs.text('additional_files');
  const extracted =
    archive === undefined ? undefined : extractAdditionalFiles(archive, { maxBytes: limits.maxExtractBytes, maxFiles: MAX_EXTRA_FILES });
  if (extracted && !extracted.ok) attrs.add('additional_files', extracted.message);
  if (!attrs.valid || !language || source === undefined) return { ok: false, errors: attrs.errors };

  const runqLimits: LimitsDto = {};
  if (cpu !== undefined || extra !== undefined) {
    const cpuMs = milliseconds((cpu ?? limits.cpuTime) + (extra ?? 0));
    runqLimits.cpuTimeMs = Math.min(Math.max(cpuMs, MIN_TIME_MS), limits.maxCpuTime * 1000);
  }
  if (wall !== undefined) runqLimits.timeoutMs = Math.max(milliseconds(wall), MIN_TIME_MS);
  if (memory !== undefined) runqLimits.memoryMb = Math.max(Math.ceil(memory / 1024), MIN_MEMORY_MB);
  if (processes !== undefined) runqLimits.processes = Math.max(Math.ceil(processes), MIN_PROCESSES);
  const entry = judge0Language(languageId!)!;
  return {
    ok: true,
    // Judge0's jobs call back as Judge0 does (a PUT of the 8 default fields); its integer column keeps a count's whole part.
    extras: { callbackFormat: 'judge0', runs: Math.max(1, Math.floor(runs ?? 1)), redirectStderr: attrs.flag('redirect_stderr_to_stdout') },
    dto: {
      language: entry.runq,
      files: [
        { name: language.fileName, content: canonical(source, context.base64), encoding: 'base64' },
        ...(extracted?.ok ? extracted.files : []),
      ],
      encoding: 'base64',
      ...(stdin !== undefined ? { stdin: canonical(stdin, context.base64) } : {}),
      ...(expected !== undefined
        ? { expectedOutput: canonical(expected, context.base64), comparison: { mode: 'trailing_whitespace' } }
        : {}),
      ...(args?.length ? { args } : {}),
      ...(compilerOptions?.length ? { compileOptions: compilerOptions } : {}),
      ...(Object.keys(runqLimits).length ? { limits: runqLimits } : {}),
      ...(callbackUrl !== undefined ? { callbackUrl } : {}),
    },
  };
}
