import type { RunqConfig } from '#config';
import type { CreateJobDto, LimitsDto } from '../../jobs/dto/create-job.dto';
import type { PistonExecuteRequest, PistonFile, PistonMaxima } from './piston-execute.request';

const MiB = 1024 * 1024;
// runq's smallest limits (LimitsDto); Piston takes anything above zero.
const MIN_TIME_MS = 100;
const MIN_MEMORY_MB = 16;

/**
 * Piston's configured maxima from runq's: the run stage's from the job maxima, the compile
 * stage's from the server's compile limits (runq has no separate compile CPU limit: its wall limit bounds it).
 */
export function pistonMaxima(config: Pick<RunqConfig, 'maxima' | 'compile'>): PistonMaxima {
  return {
    compile_memory_limit: config.compile.memoryMb * MiB,
    run_memory_limit: config.maxima.memoryMb * MiB,
    compile_timeout: config.compile.timeoutMs,
    run_timeout: config.maxima.timeoutMs,
    compile_cpu_time: config.compile.timeoutMs,
    run_cpu_time: config.maxima.cpuTimeMs,
  };
}

/**
 * The runq job request for a Piston execute: the first file is the entry; a nameless first
 * file gets the language's file name (Piston's per-language scripts accept `file0.code`, runq's
 * compilers want the extension), later nameless ones `file<i>.code`. Run-stage limits become the
 * job's; compile-stage limits are checked against the server's but the server's apply.
 */
export function toJobRequest(request: PistonExecuteRequest): CreateJobDto {
  const { runtime, limits } = request;
  const jobLimits: LimitsDto = {};
  if (limits.run_timeout !== undefined) jobLimits.timeoutMs = Math.max(MIN_TIME_MS, Math.round(limits.run_timeout));
  if (limits.run_cpu_time !== undefined) jobLimits.cpuTimeMs = Math.max(MIN_TIME_MS, Math.round(limits.run_cpu_time));
  if (limits.run_memory_limit !== undefined) jobLimits.memoryMb = Math.max(MIN_MEMORY_MB, Math.ceil(limits.run_memory_limit / MiB));
  return {
    language: runtime.language.id,
    version: runtime.runqVersion,
    files: request.files.map((file, i) => ({
      name: file.name ?? (i === 0 ? runtime.language.fileName : `file${i}.code`),
      ...fileContent(file),
    })),
    stdin: request.stdin,
    args: request.args,
    limits: jobLimits,
  };
}

/** runq takes text and canonical base64; hex, and base64 as leniently as Piston decodes it, travel as canonical base64. */
function fileContent(file: PistonFile): { content: string; encoding: 'utf8' | 'base64' } {
  if (file.encoding === 'utf8') return { content: file.content, encoding: 'utf8' };
  return { content: Buffer.from(file.content, file.encoding).toString('base64'), encoding: 'base64' };
}
