import { DomainError } from '#contracts';
import type { CreateJobDto } from '../../jobs/dto/create-job.dto';
import type { ApiExecuteDto, Isolation, RunProgramDto, ScriptCallDto } from './original-requests.dto';

/** runq's smallest wall-clock limit; a shorter `timeout` is raised to it rather than refused. */
const MIN_TIMEOUT_MS = 100;

/** Which of a native request's fields each shape calls by another name (for messages naming them). */
export const SCRIPT_CALL_FIELDS: Readonly<Record<string, string>> = { code: 'script', inputs: 'payload' };
export const PROGRAM_FIELDS: Readonly<Record<string, string>> = { stdin: 'input' };

/**
 * What each `isolation` of `POST /` asks of the job: `process` a container of its own; `none`
 * the fastest path runq has, a V8 isolate in a sandbox host (the container while the operator
 * has turned isolates off); absent, the operator's default (RUNQ_ISOLATE).
 */
export function isolationFields(isolation: Isolation | undefined, isolateAvailable: boolean): Partial<CreateJobDto> {
  switch (isolation) {
    case undefined:
      return {};
    case 'process':
      return { isolation: 'container' };
    case 'none':
      return isolateAvailable ? { isolation: 'isolate' } : { isolation: 'container' };
  }
}

/** `timeout` (ms) as runq's limits: refused above the server's maximum, raised to runq's minimum. */
export function timeoutLimits(timeout: number | undefined, maxTimeoutMs: number): Pick<CreateJobDto, 'limits'> {
  if (timeout === undefined) return {};
  if (timeout > maxTimeoutMs) throw DomainError.invalid(`timeout must not be greater than ${maxTimeoutMs} (milliseconds)`, 'timeout');
  return { limits: { timeoutMs: Math.max(timeout, MIN_TIMEOUT_MS) } };
}

/**
 * `POST /`: the script in function mode's expression form with `payload` as INPUTS. With `fn`,
 * a call `fn(INPUTS)` follows the script (fn is an identifier, checked by the DTO), so a
 * function the script declares at top level is called and its value (awaited) is the result.
 */
export function scriptCallJob(dto: ScriptCallDto, maxTimeoutMs: number, isolateAvailable: boolean): CreateJobDto {
  const code = dto.fn === undefined ? dto.script : `${dto.script}\n;${dto.fn}(INPUTS);\n`;
  return {
    language: 'javascript',
    code,
    inputs: dto.payload ?? null,
    ...timeoutLimits(dto.timeout, maxTimeoutMs),
    ...isolationFields(dto.isolation, isolateAvailable),
  };
}

/** `POST /api/execute`: with `language` a program reading `input`; without, JavaScript in function mode. */
export function apiExecuteJob(dto: ApiExecuteDto, maxTimeoutMs: number): CreateJobDto {
  const limits = timeoutLimits(dto.timeout, maxTimeoutMs);
  if (dto.language !== undefined) return { language: dto.language, code: dto.code, stdin: dto.input, ...limits };
  if (dto.input !== undefined) throw DomainError.invalid('input needs language (JavaScript without language reads no stdin)', 'input');
  return { language: 'javascript', code: dto.code, inputs: null, ...limits };
}

/** `POST /run/:language`. */
export function runProgramJob(language: string, dto: RunProgramDto): CreateJobDto {
  return { language, code: dto.code, stdin: dto.input };
}

/**
 * A refusal that names a native field under the shape's own name (`code` → `script`): the
 * field and every whole-word mention of it in the message.
 */
export function renameField(error: unknown, names: Readonly<Record<string, string>>): unknown {
  if (!(error instanceof DomainError) || error.field === undefined || !(error.field in names)) return error;
  const from = error.field;
  const to = names[from];
  const mention = new RegExp(`(?<![\\w.])${from.replace(/\./g, '\\.')}(?![\\w])`, 'g');
  return new DomainError(error.code, error.message.replace(mention, to), { field: to, retryAfterSeconds: error.retryAfterSeconds });
}
