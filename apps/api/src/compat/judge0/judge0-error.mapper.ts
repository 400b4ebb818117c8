import { HttpException } from '@nestjs/common';
import { DomainError } from '#contracts';
import { Judge0Error } from './judge0-error';

export interface Judge0ErrorResponse {
  status: number;
  /** null: an empty body. */
  body: object | null;
  headers: Record<string, string>;
}

/** runq request fields as the Judge0 attribute a client sent them in. */
const ATTRIBUTE_OF: [RegExp, string][] = [
  [/^(code|files|files\[0\].*|entry)$/, 'source_code'],
  [/^files\[/, 'additional_files'],
  [/^stdin$/, 'stdin'],
  [/^expectedOutput$/, 'expected_output'],
  [/^limits\.cpuTimeMs$/, 'cpu_time_limit'],
  [/^limits\.timeoutMs$/, 'wall_time_limit'],
  [/^limits\.memoryMb$/, 'memory_limit'],
  [/^limits\.processes$/, 'max_processes_and_or_threads'],
  [/^compileOptions\b/, 'compiler_options'],
  [/^args\b/, 'command_line_arguments'],
  [/^(language|version)$/, 'language_id'],
  [/^callbackUrl$/, 'callback_url'],
];

export function judge0Attribute(field: string | undefined): string {
  return ATTRIBUTE_OF.find(([pattern]) => field !== undefined && pattern.test(field))?.[1] ?? 'base';
}

/**
 * Judge0's answer to an error on its surface, or null when it is not one of ours to shape
 * (body-parser refusals and faults go to the app's own filter).
 */
export function toJudge0Error(error: unknown): Judge0ErrorResponse | null {
  if (error instanceof Judge0Error) return { status: error.status, body: error.body, headers: {} };
  if (error instanceof DomainError) return fromDomainError(error);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Judge0 answers a missing or wrong token with `head :unauthorized`.
    if (status === 401 || status === 403) return { status, body: null, headers: {} };
    if (status === 404) return { status, body: null, headers: {} };
    if (status < 500 && !error.cause) return { status, body: { error: error.message }, headers: {} };
  }
  return null;
}

function fromDomainError(error: DomainError): Judge0ErrorResponse {
  const retry: Record<string, string> =
    error.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) };
  switch (error.code) {
    case 'invalid_request':
      return { status: 422, body: { [judge0Attribute(error.field)]: error.messages ?? [error.message] }, headers: {} };
    case 'not_found':
      return { status: 404, body: null, headers: {} };
    case 'queue_full':
      return { status: 503, body: { error: 'queue is full' }, headers: retry };
    case 'unavailable':
      return { status: 503, body: { error: error.message }, headers: retry };
    case 'rate_limited':
    case 'active_jobs_limit':
      return { status: 429, body: { error: error.message }, headers: retry };
    default:
      return { status: 400, body: { error: error.message }, headers: {} };
  }
}
