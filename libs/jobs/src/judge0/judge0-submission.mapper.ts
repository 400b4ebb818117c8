import { isUtf8 } from 'node:buffer';
import { zipSync } from 'fflate';
import { quote } from 'shell-quote';
import type { StageResult } from '#contracts';
import type { Job } from '../job';
import { interleaved } from '../output-interleaving';
import { DEFAULT_FIELDS, type SubmissionField } from './judge0-fields';
import { classifyJob, signalNumber } from './judge0-status';
import { kilobytes, seconds } from './judge0-units';

/** Fields Judge0 stores as text: base64 on request, else UTF-8 text. */
const TEXT_FIELDS = new Set<SubmissionField>(['source_code', 'stdin', 'expected_output', 'stdout', 'stderr', 'compile_output', 'message']);

export interface Judge0LanguageRef {
  id: number | null;
  name: string;
}

export interface ViewOptions {
  fields: readonly SubmissionField[];
  base64: boolean;
  /** The Judge0 id and name a runq language is shown under (default: no id, the runq id as name). */
  language?: (runqLanguage: string) => Judge0LanguageRef;
}

/** A rendered submission, or the fact that some text field is not UTF-8 (Judge0's "use base64_encoded=true"). */
export type RenderedSubmission = { ok: true; body: Record<string, unknown> } | { ok: false; token: string };

const bytes = (text: string, encoding: string | undefined): Buffer => Buffer.from(text, encoding === 'base64' ? 'base64' : 'utf8');
const nonEmpty = (buffer: Buffer | null): Buffer | null => (buffer && buffer.length ? buffer : null);

function stream(stage: StageResult | null, name: 'stdout' | 'stderr'): Buffer | null {
  return stage ? nonEmpty(bytes(stage[name], stage.encoding)) : null;
}

/** The run's stdout and stderr as Judge0 shows them: with `redirect_stderr_to_stdout`, one stream in arrival order (as `2>&1`). */
function runOutput(job: Job, run: StageResult | null): { stdout: Buffer | null; stderr: Buffer | null } {
  if (!run || !job.redirectStderr) return { stdout: stream(run, 'stdout'), stderr: stream(run, 'stderr') };
  const merged = interleaved(bytes(run.stdout, run.encoding), bytes(run.stderr, run.encoding), run.outputOrder);
  return { stdout: nonEmpty(merged), stderr: null };
}

/** What Judge0 would say in `message`: isolate's words for an exit or a time limit, runq's own otherwise. */
function message(job: Job, statusId: number): string | null {
  const run = job.run;
  if (statusId === 3 || statusId === 4 || statusId === 6) return null;
  if (statusId === 5) return 'Time limit exceeded';
  if (statusId === 11 && run?.exitCode) return `Exited with error status ${run.exitCode}`;
  if (statusId >= 7 && statusId <= 10 && run?.signal) return `Caught fatal signal ${signalNumber(run.signal) ?? run.signal}`;
  return job.message;
}

/** The files beside the source, as Judge0 gives `additional_files`: a zip, always base64 (rebuilt: same files, not the same bytes). */
function additionalFiles(job: Job): string | null {
  const extra = job.files.slice(1);
  if (!extra.length) return null;
  return Buffer.from(zipSync(Object.fromEntries(extra.map((file) => [file.name, bytes(file.content, file.encoding)])))).toString('base64');
}

/** Every Judge0 attribute of a job, text fields as bytes; a costly one as a function that computes it. */
function submissionRecord(job: Job, language: Judge0LanguageRef): Record<SubmissionField, unknown> {
  const status = classifyJob(job);
  const finished = status.id > 2;
  const compiledAway = status.id === 6;
  const run = compiledAway ? null : job.run;
  const compile = job.compile;
  const compileOutput = compile
    ? nonEmpty(Buffer.concat([stream(compile, 'stdout') ?? Buffer.alloc(0), stream(compile, 'stderr') ?? Buffer.alloc(0)]))
    : null;
  const output = runOutput(job, run);
  // Repeated runs: Judge0 gives the means of time, wall time and memory, the rest from the last run.
  const figures = run?.repeated ?? run;
  const source = job.files[0];
  const note = finished ? message(job, status.id) : null;
  return {
    source_code: source ? bytes(source.content, source.encoding) : null,
    language_id: language.id,
    stdin: nonEmpty(bytes(job.stdin, job.encoding)),
    expected_output: job.expectedOutput === null ? null : bytes(job.expectedOutput, job.encoding),
    stdout: output.stdout,
    status_id: status.id,
    created_at: job.createdAt.toISOString(),
    finished_at: finished ? (job.finishedAt?.toISOString() ?? null) : null,
    time: seconds(figures?.cpuMs),
    memory: kilobytes(figures?.memoryBytes),
    stderr: output.stderr,
    token: job.id,
    number_of_runs: job.runs ?? 1,
    cpu_time_limit: seconds(job.limits.cpuTimeMs),
    cpu_extra_time: '0.0',
    wall_time_limit: seconds(job.limits.timeoutMs),
    memory_limit: job.limits.memoryMb * 1024,
    stack_limit: job.limits.memoryMb * 1024,
    max_processes_and_or_threads: job.limits.processes,
    enable_per_process_and_thread_time_limit: false,
    enable_per_process_and_thread_memory_limit: false,
    max_file_size: job.limits.memoryMb * 1024,
    compile_output: compileOutput,
    exit_code: run && finished ? (run.exitCode ?? 0) : null,
    exit_signal: run ? signalNumber(run.signal) : null,
    message: note ? Buffer.from(note) : null,
    wall_time: seconds(figures?.wallMs),
    compiler_options: job.compileOptions.length ? job.compileOptions.join(' ') : null,
    command_line_arguments: job.args.length ? quote(job.args) : null,
    redirect_stderr_to_stdout: job.redirectStderr ?? false,
    callback_url: job.callbackUrl,
    // Zipped only when asked for: polls ask for other fields.
    additional_files: () => additionalFiles(job),
    enable_network: false,
    status,
    language,
  };
}

/** The selected fields in `fields` order; text as base64 or, when valid UTF-8, as text. */
export function renderSubmission(job: Job, options: ViewOptions): RenderedSubmission {
  const language = options.language?.(job.language) ?? { id: null, name: job.language };
  const record = submissionRecord(job, language);
  const body: Record<string, unknown> = {};
  for (const field of options.fields) {
    const raw = record[field];
    const value = typeof raw === 'function' ? (raw as () => unknown)() : raw;
    if (!TEXT_FIELDS.has(field) || value === null) {
      body[field] = value;
      continue;
    }
    const buffer = value as Buffer;
    if (options.base64) body[field] = buffer.toString('base64');
    else if (isUtf8(buffer)) body[field] = buffer.toString('utf8');
    else return { ok: false, token: job.id };
  }
  return { ok: true, body };
}

/** What Judge0 PUTs to a submission's callback_url: its 8 default fields, base64 (always renderable). */
export function judge0CallbackBody(job: Job): Record<string, unknown> {
  return (renderSubmission(job, { fields: DEFAULT_FIELDS, base64: true }) as { body: Record<string, unknown> }).body;
}
