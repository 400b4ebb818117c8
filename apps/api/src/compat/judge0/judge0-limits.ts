import type { RunqConfig } from '#config';

/** runq's limits in Judge0's units (seconds, KB): the defaults a submission gets and the bounds it is validated against. */
export interface Judge0Limits {
  cpuTime: number;
  maxCpuTime: number;
  maxCpuExtraTime: number;
  wallTime: number;
  maxWallTime: number;
  memoryKb: number;
  maxMemoryKb: number;
  processes: number;
  maxProcesses: number;
  maxNumberOfRuns: number;
  maxBatch: number;
  /** What `additional_files` may extract to: runq's cap on a job's files. */
  maxExtractBytes: number;
}

/** Judge0's own batch cap; runq's RUNQ_MAX_BATCH lowers it when smaller. */
const JUDGE0_MAX_BATCH = 20;
/** Judge0's own cap on number_of_runs; runq's RUNQ_MAX_TESTS (runs of one program, like test cases) lowers it when smaller. */
const JUDGE0_MAX_NUMBER_OF_RUNS = 20;
/** Judge0's own extra-time cap: added to the CPU time limit, within runq's maximum. */
const JUDGE0_MAX_CPU_EXTRA_TIME = 5;

export function judge0Limits(config: RunqConfig): Judge0Limits {
  const { defaults, maxima } = config;
  return {
    cpuTime: defaults.cpuTimeMs / 1000,
    maxCpuTime: maxima.cpuTimeMs / 1000,
    maxCpuExtraTime: JUDGE0_MAX_CPU_EXTRA_TIME,
    wallTime: defaults.timeoutMs / 1000,
    maxWallTime: maxima.timeoutMs / 1000,
    memoryKb: defaults.memoryMb * 1024,
    maxMemoryKb: maxima.memoryMb * 1024,
    processes: defaults.processes,
    maxProcesses: maxima.processes,
    maxNumberOfRuns: Math.min(JUDGE0_MAX_NUMBER_OF_RUNS, config.judging.maxTests),
    maxBatch: Math.min(JUDGE0_MAX_BATCH, config.judging.maxBatch),
    maxExtractBytes: config.maxCodeBytes,
  };
}
