import { Judge0Error } from './judge0-error';

/** Every attribute of a Judge0 1.13.1 submission (`fields=*`): its columns minus `id`, plus `status` and `language`. */
export const ALL_FIELDS = [
  'source_code',
  'language_id',
  'stdin',
  'expected_output',
  'stdout',
  'status_id',
  'created_at',
  'finished_at',
  'time',
  'memory',
  'stderr',
  'token',
  'number_of_runs',
  'cpu_time_limit',
  'cpu_extra_time',
  'wall_time_limit',
  'memory_limit',
  'stack_limit',
  'max_processes_and_or_threads',
  'enable_per_process_and_thread_time_limit',
  'enable_per_process_and_thread_memory_limit',
  'max_file_size',
  'compile_output',
  'exit_code',
  'exit_signal',
  'message',
  'wall_time',
  'compiler_options',
  'command_line_arguments',
  'redirect_stderr_to_stdout',
  'callback_url',
  'additional_files',
  'enable_network',
  'status',
  'language',
] as const;
export type SubmissionField = (typeof ALL_FIELDS)[number];

/** What Judge0 answers when `fields` is absent or empty. */
export const DEFAULT_FIELDS: readonly SubmissionField[] = [
  'token',
  'time',
  'memory',
  'stdout',
  'stderr',
  'compile_output',
  'message',
  'status',
];

const KNOWN = new Set<string>(ALL_FIELDS);

/** The `fields` query: a comma list without trimming, `*` for all; unknown names are Judge0's 400. */
export function parseFields(query: unknown): readonly SubmissionField[] {
  if (query === undefined || query === '') return DEFAULT_FIELDS;
  const text = Array.isArray(query) ? query.join(',') : String(query);
  if (text === '*') return ALL_FIELDS;
  const names = text.split(',');
  const unknown = names.filter((name) => !KNOWN.has(name));
  if (unknown.length) throw Judge0Error.badRequest(`invalid fields: [${unknown.join(', ')}]`);
  return names as SubmissionField[];
}
