import type { Stack } from './stack';

/**
 * The Judge0 Python SDK's (judge0 0.0.8) parsing rules, checked on each response: it raises on
 * any of these, so a response that passes here is one the SDK accepts. The field list is the
 * SDK's own, written out apart from the server's so that a drift between them fails here.
 */
export const SUBMISSION_FIELDS = [
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
];
const CONFIG_KEYS: Record<string, 'boolean' | 'number' | 'object'> = {
  maintenance_mode: 'boolean',
  enable_wait_result: 'boolean',
  enable_compiler_options: 'boolean',
  allowed_languages_for_compile_options: 'object',
  enable_command_line_arguments: 'boolean',
  enable_submission_delete: 'boolean',
  enable_callbacks: 'boolean',
  callbacks_max_tries: 'number',
  callbacks_timeout: 'number',
  enable_additional_files: 'boolean',
  max_queue_size: 'number',
  cpu_time_limit: 'number',
  max_cpu_time_limit: 'number',
  cpu_extra_time: 'number',
  max_cpu_extra_time: 'number',
  wall_time_limit: 'number',
  max_wall_time_limit: 'number',
  memory_limit: 'number',
  max_memory_limit: 'number',
  stack_limit: 'number',
  max_stack_limit: 'number',
  max_processes_and_or_threads: 'number',
  max_max_processes_and_or_threads: 'number',
  enable_per_process_and_thread_time_limit: 'boolean',
  allow_enable_per_process_and_thread_time_limit: 'boolean',
  enable_per_process_and_thread_memory_limit: 'boolean',
  allow_enable_per_process_and_thread_memory_limit: 'boolean',
  max_file_size: 'number',
  max_max_file_size: 'number',
  number_of_runs: 'number',
  max_number_of_runs: 'number',
  redirect_stderr_to_stdout: 'boolean',
  max_extract_size: 'number',
  enable_batched_submissions: 'boolean',
  max_submission_batch_size: 'number',
  submission_cache_duration: 'number',
  use_docs_as_homepage: 'boolean',
  allow_enable_network: 'boolean',
  enable_network: 'boolean',
};
const BASE64_FIELDS = ['stdout', 'stderr', 'compile_output', 'source_code', 'stdin', 'expected_output', 'additional_files'];
const FLOAT_FIELDS = ['time', 'wall_time', 'cpu_time_limit', 'cpu_extra_time', 'wall_time_limit'];
/** strptime("%Y-%m-%dT%H:%M:%S.%fZ"): the fraction (1–6 digits) and the Z are mandatory. */
const SDK_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,6}Z$/;

/** What the SDK's Submission.set_attributes would refuse in this object (base64: as `base64_encoded=true` answers). */
export function sdkProblems(submission: Record<string, unknown>, base64 = true): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(submission)) {
    if (!SUBMISSION_FIELDS.includes(key)) problems.push(`unknown key ${key}`);
    if (value === null || value === '') continue;
    if (base64 && BASE64_FIELDS.includes(key)) {
      const text = String(value).replace(/[\r\n]/g, '');
      if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) problems.push(`${key} is not strict base64`);
    }
    if (FLOAT_FIELDS.includes(key) && Number.isNaN(Number.parseFloat(String(value)))) problems.push(`${key} is not a float`);
    if ((key === 'created_at' || key === 'finished_at') && !SDK_TIME.test(String(value)))
      problems.push(`${key} ${String(value)} fails strptime`);
    if (key === 'status') {
      const id = (value as { id?: unknown }).id;
      if (typeof id !== 'number' || id < 1 || id > 14) problems.push(`status id ${String(id)} is not 1..14`);
    }
  }
  return problems;
}

/** What Config(**config_info) would refuse: a missing or extra key, or a value of another type. */
export function configProblems(config: Record<string, unknown>): string[] {
  const problems = Object.keys(config)
    .filter((key) => !(key in CONFIG_KEYS))
    .map((key) => `unknown key ${key}`);
  for (const [key, type] of Object.entries(CONFIG_KEYS)) if (typeof config[key] !== type) problems.push(`${key} is not a ${type}`);
  return problems;
}

export const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
export const unb64 = (text: string | null) => (text === null ? null : Buffer.from(text, 'base64').toString('utf8'));

/** What the SDK does for one submission: POST base64 without wait, then GET fields=* every 0.1 s until done. */
export async function runLikeSdk(stack: Stack, key: string, submission: Record<string, unknown>): Promise<Record<string, any>> {
  const created = await stack.request('POST', '/judge0/submissions?base64_encoded=true&wait=false', {
    body: submission,
    key: null,
    headers: { 'X-Auth-Token': key },
  });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`);
  expect(Object.keys(created.body)).toEqual(['token']);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await stack.request('GET', `/judge0/submissions/${created.body.token}?base64_encoded=true&fields=*`, {
      key: null,
      headers: { 'X-Auth-Token': key },
    });
    expect(res.status).toBe(200);
    expect(sdkProblems(res.body)).toEqual([]);
    if (res.body.status.id > 2) return res.body;
    if (Date.now() > deadline) throw new Error(`submission ${created.body.token} did not finish: ${JSON.stringify(res.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
