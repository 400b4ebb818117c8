import type { StageResult } from '#contracts';
import { interleaved, type Job } from '#jobs';
import type { PistonRuntime } from './piston-runtimes';

/** Piston's two-letter stage status: runtime error, signal, timeout, stdout/stderr limit, internal. */
export type PistonStatus = 'RE' | 'SG' | 'TO' | 'OL' | 'EL' | 'XX';

export interface PistonStage {
  stdout: string;
  stderr: string;
  output: string;
  code: number | null;
  signal: string | null;
  message: string | null;
  status: PistonStatus | null;
  cpu_time: number | null;
  wall_time: number | null;
  memory: number | null;
}

export interface PistonExecuteResponse {
  language: string;
  version: string;
  run: PistonStage;
  compile?: PistonStage;
}

/**
 * A finished runq job as Piston's execute answer. `compile` only for compiled runtimes; when
 * it failed, `run` is the compile stage (as Piston v2 does for older clients).
 */
export function toPistonResponse(job: Job, runtime: PistonRuntime, compiled: boolean): PistonExecuteResponse {
  const head = { language: runtime.language, version: runtime.version };
  if (!compiled) return { ...head, run: runStage(job) };
  const compile = compileStage(job);
  return { ...head, run: job.outcome === 'compile_error' ? compile : runStage(job), compile };
}

function compileStage(job: Job): PistonStage {
  if (!job.compile) return stage(null, 'XX', job.message ?? 'the program was not compiled');
  if (job.outcome !== 'compile_error') return stage(job.compile, null, null);
  const status: PistonStatus = job.compile.timeLimit ? 'TO' : job.compile.signal ? 'SG' : 'RE';
  return stage(job.compile, status, job.message);
}

function runStage(job: Job): PistonStage {
  const run = job.run;
  if (!run || job.status !== 'completed') return stage(run, 'XX', job.message ?? `the job is ${job.status}`);
  switch (job.outcome) {
    case 'ok':
      return stage(run, null, null);
    case 'timeout':
      return stage(run, 'TO', job.message, 'SIGKILL');
    case 'memory_limit':
      return stage(run, 'SG', job.message, 'SIGKILL');
    case 'output_limit':
      // The stream that reached the cap is the one that overflowed.
      return stage(run, Buffer.byteLength(run.stdout) >= job.limits.outputBytes ? 'OL' : 'EL', job.message, 'SIGKILL');
    case 'runtime_error':
      return stage(run, run.signal ? 'SG' : 'RE', job.message);
    default:
      return stage(run, 'XX', job.message);
  }
}

function stage(result: StageResult | null, status: PistonStatus | null, message: string | null, signal?: string): PistonStage {
  const stdout = bytes(result?.stdout, result);
  const stderr = bytes(result?.stderr, result);
  return {
    stdout: stdout.toString('utf8'),
    stderr: stderr.toString('utf8'),
    output: interleaved(stdout, stderr, result?.outputOrder).toString('utf8'),
    code: result?.exitCode ?? null,
    signal: signal ?? result?.signal ?? null,
    message,
    status,
    cpu_time: rounded(result?.cpuMs),
    wall_time: rounded(result?.wallMs),
    memory: result?.memoryBytes ?? null,
  };
}

/** Piston answers text: output runq kept as base64 (not UTF-8) is decoded, invalid bytes replaced. */
function bytes(value: string | undefined, result: StageResult | null): Buffer {
  return Buffer.from(value ?? '', result?.encoding === 'base64' ? 'base64' : 'utf8');
}

function rounded(ms: number | null | undefined): number | null {
  return ms === null || ms === undefined ? null : Math.round(ms);
}
