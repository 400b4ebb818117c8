import { isUtf8 } from 'node:buffer';
import type { JobLimits, Outcome, StageResult, TimeLimit } from '#contracts';
import type { ContainerRunResult } from '../docker/container-runner';
import { SandboxError } from './execution.types';
import type { InterpretedRun } from './run.types';
import { guessSignal, signalName, splitRunTrailer, splitStdoutMarker, type StageUsage } from './stage-report';

const RUNNER_FAILURE = 125;
const SIGKILL = 9;

/** A cut at the byte cap may split a UTF-8 sequence; that alone must not make output binary. */
function withoutCutSequence(buf: Buffer, truncated: boolean): Buffer {
  if (!truncated) return buf;
  for (let back = 1; back <= 3 && back <= buf.length; back++) {
    const byte = buf[buf.length - back];
    if ((byte & 0xc0) !== 0x80) return (byte & 0x80) === 0 ? buf : buf.subarray(0, buf.length - back);
  }
  return buf;
}

/** A stage's output and usage; text stays text, anything else travels as base64 with a flag. */
export function toStageResult(
  stdout: Buffer,
  stderr: Buffer,
  usage: StageUsage | null,
  fallbackCode: number | null,
  wallMs: number,
  truncated: boolean,
): StageResult {
  const out = withoutCutSequence(stdout, truncated);
  const err = withoutCutSequence(stderr, truncated);
  // NUL is valid UTF-8 but Postgres jsonb cannot store U+0000: such output travels as base64 too.
  const text = isUtf8(out) && isUtf8(err) && !out.includes(0) && !err.includes(0);
  const exitCode = usage?.exitCode ?? fallbackCode;
  // The runner reads the real wait status; without its report only the shell convention is left.
  const signal = usage ? usage.signal : guessSignal(exitCode);
  return {
    stdout: text ? out.toString('utf8') : stdout.toString('base64'),
    stderr: text ? err.toString('utf8') : stderr.toString('base64'),
    encoding: text ? 'utf8' : 'base64',
    exitCode,
    signal: signalName(signal),
    wallMs: usage?.wallMs ?? Math.round(wallMs * 10) / 10,
    cpuMs: usage?.cpuMs ?? null,
    memoryBytes: usage?.memoryBytes ?? null,
    truncated,
    timeLimit: null,
  };
}

/**
 * Docker's OOMKilled flag races the container's exit (the OOM event can arrive after it,
 * and is then lost): a program SIGKILLed that we did not kill, whose container's peak
 * memory reached the limit, was killed by the OOM killer.
 */
function killedAtMemoryLimit(usage: StageUsage | null, killedFor: string | null, timedOut: boolean, memoryMb: number): boolean {
  if (!usage || usage.signal !== SIGKILL || killedFor || timedOut || usage.memoryBytes === null) return false;
  return usage.memoryBytes >= memoryMb * 1024 * 1024 * 0.98;
}

/** Maps what the run container did to an outcome; pure, so it is unit-tested directly. */
export function interpretRun(
  result: ContainerRunResult,
  nonce: string,
  limits: Pick<JobLimits, 'timeoutMs' | 'cpuTimeMs' | 'memoryMb' | 'outputBytes'>,
): InterpretedRun {
  const split = splitRunTrailer(result.stderr, nonce);
  let stderr = split.stderr;
  const marked = splitStdoutMarker(result.stdout, nonce);
  let stdout = marked.stdout;
  const stderrOver = stderr.length > limits.outputBytes;
  const stdoutOver = stdout.length > limits.outputBytes;
  if (stderrOver) stderr = stderr.subarray(0, limits.outputBytes);
  if (stdoutOver) stdout = stdout.subarray(0, limits.outputBytes);
  const outputExceeded = result.killedFor === 'output' || result.stdoutOverflow || stdoutOver || stderrOver;
  if (!split.usage && result.statusCode === RUNNER_FAILURE && !result.killedFor && !result.oomKilled) {
    throw new SandboxError(`run stage runner failed: ${stderr.toString().slice(0, 500)}`);
  }
  const run = toStageResult(stdout, stderr, split.usage, result.statusCode, result.wallMs, outputExceeded);
  if (result.order) run.outputOrder = result.order;

  let outcome: Outcome;
  let message: string | null = null;
  const timeLimit = exceededTimeLimit(result, split.usage, marked.found, limits.timeoutMs);
  if (result.oomKilled || killedAtMemoryLimit(split.usage, result.killedFor, timeLimit !== null, limits.memoryMb)) {
    outcome = 'memory_limit';
    message = `memory limit of ${limits.memoryMb} MB exceeded`;
  } else if (outputExceeded) {
    outcome = 'output_limit';
    message = `output limit of ${limits.outputBytes} bytes per stream exceeded`;
  } else if (timeLimit) {
    outcome = 'timeout';
    run.timeLimit = timeLimit;
    message =
      timeLimit === 'cpu'
        ? `CPU time limit of ${limits.cpuTimeMs} ms exceeded`
        : `wall-clock time limit of ${limits.timeoutMs} ms exceeded`;
  } else if (!split.usage && run.signal === 'SIGKILL') {
    // Under gVisor the OOM kill of the sandbox is not always reported by the engine.
    outcome = 'runtime_error';
    message =
      'the sandbox was killed (SIGKILL) before the program ended: by the program itself, or by the memory limit where the engine did not report it';
  } else if (!split.usage && !run.signal && run.exitCode !== 0) {
    // The runner never reported: the sandbox itself ended (under gVisor, e.g. when a
    // program's processes exhaust the sandbox's pids backstop), not the program.
    outcome = 'runtime_error';
    message = `the sandbox stopped before the program ended (container exit status ${run.exitCode}); too many processes or threads?`;
  } else if (run.exitCode !== 0) {
    outcome = 'runtime_error';
    message = run.signal ? `killed by ${run.signal}` : `exited with code ${run.exitCode}`;
  } else {
    outcome = 'ok';
  }
  return { outcome, run, message, stdoutBytes: stdout, warm: Boolean(result.warm) };
}

/**
 * Which time limit ended the run, if one did. The runner says so. A complete report (both
 * markers: written after the program ended) of a program that ended within the limit stands
 * even if the outside deadline fired while the container was finishing (a loaded host). An older runner's report
 * (a SIGKILL at the limit), or none at all (a fork bomb can leave the runner no process to
 * report with: a SIGKILLed container past the limit), is read as the wall clock's.
 */
function exceededTimeLimit(result: ContainerRunResult, usage: StageUsage | null, complete: boolean, timeoutMs: number): TimeLimit | null {
  if (usage?.limit) return usage.limit;
  const endedInTime = usage !== null && complete && usage.wallMs < timeoutMs;
  if (result.killedFor === 'timeout') return endedInTime ? null : 'wall';
  if (usage) return usage.signal === SIGKILL && usage.wallMs >= timeoutMs ? 'wall' : null;
  return result.statusCode === 137 && result.wallMs >= timeoutMs ? 'wall' : null;
}
