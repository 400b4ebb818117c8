import type { RunqConfig } from '#config';
import { judge0Limits } from './judge0-limits';

/** Judge0's 39 `GET /config_info` keys, from runq's real limits in Judge0 units; consistent with what create validates. */
export function judge0ConfigInfo(config: RunqConfig): Record<string, unknown> {
  const l = judge0Limits(config);
  return {
    maintenance_mode: false,
    enable_wait_result: true,
    enable_compiler_options: true,
    allowed_languages_for_compile_options: [],
    enable_command_line_arguments: true,
    enable_submission_delete: true,
    enable_callbacks: true,
    callbacks_max_tries: config.webhooks.attempts,
    callbacks_timeout: config.webhooks.timeoutMs / 1000,
    enable_additional_files: true,
    max_queue_size: config.backpressure.maxQueueDepth,
    cpu_time_limit: l.cpuTime,
    max_cpu_time_limit: l.maxCpuTime,
    cpu_extra_time: 0,
    max_cpu_extra_time: l.maxCpuExtraTime,
    wall_time_limit: l.wallTime,
    max_wall_time_limit: l.maxWallTime,
    memory_limit: l.memoryKb,
    max_memory_limit: l.maxMemoryKb,
    stack_limit: l.memoryKb,
    max_stack_limit: l.maxMemoryKb,
    max_processes_and_or_threads: l.processes,
    max_max_processes_and_or_threads: l.maxProcesses,
    enable_per_process_and_thread_time_limit: false,
    allow_enable_per_process_and_thread_time_limit: false,
    enable_per_process_and_thread_memory_limit: false,
    allow_enable_per_process_and_thread_memory_limit: false,
    max_file_size: l.memoryKb,
    max_max_file_size: l.maxMemoryKb,
    number_of_runs: 1,
    max_number_of_runs: l.maxNumberOfRuns,
    // Defaults: a submission may set both, its number_of_runs up to max_number_of_runs.
    redirect_stderr_to_stdout: false,
    max_extract_size: Math.floor(l.maxExtractBytes / 1024),
    enable_batched_submissions: true,
    max_submission_batch_size: l.maxBatch,
    submission_cache_duration: 0,
    use_docs_as_homepage: false,
    allow_enable_network: false,
    enable_network: false,
  };
}
