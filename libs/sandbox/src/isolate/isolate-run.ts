import type { FunctionLog, StageResult } from '#contracts';
import type { EgressGateway } from '../egress/egress-proxy';
import type { ExecutionOutcome, ExecutionRequest, ExecutionSettings, FunctionSpec } from '../execution/execution.types';
import type { InterpretedRun } from '../execution/run.types';
import type { HarnessFrame } from '../function/function-frame';
import { functionOutcome } from '../function/function-outcome';
import type { DoneMessage, HttpAnswer } from './host-messages';
import { prepareCode, remapError } from './isolate-code';
import type { HttpRelay } from './isolate-host';
import type { IsolateHostPool } from './isolate-host-pool';

const LIMIT_MESSAGES = {
  memory_limit: (r: ExecutionRequest) => `memory limit of ${r.limits.memoryMb} MB exceeded`,
  cpu: (r: ExecutionRequest) => `CPU time limit of ${r.limits.cpuTimeMs} ms exceeded`,
  wall: (r: ExecutionRequest) => `wall-clock time limit of ${r.limits.timeoutMs} ms exceeded`,
};

/**
 * Isolate mode: a JavaScript/TypeScript function job runs in a fresh isolate of a sandbox
 * host instead of a container of its own. The outcome has the same shape as the container
 * path's (the host's report is judged by the same functionOutcome).
 */
export class IsolateRun {
  constructor(
    private readonly hosts: IsolateHostPool,
    private readonly caps: NonNullable<ExecutionSettings['function']>,
    private readonly egress: EgressGateway | null,
  ) {}

  async run(request: ExecutionRequest, spec: FunctionSpec): Promise<ExecutionOutcome> {
    const entry = request.files[0].name;
    const prepared = await prepareCode(request.language.id, entry, request.files[0].data.toString('utf8'), spec.name);
    if (!('kind' in prepared)) {
      return this.judge(
        request,
        { t: 'done', id: request.jobId, status: 'compile_error', error: prepared, logs: [], logsTruncated: false },
        [],
      );
    }
    const host = await this.hosts.acquire();
    const session = spec.network && this.egress ? this.egress.open(spec.network) : null;
    // A cancel answers at once; the host stops the isolate as soon as its running code yields (at the latest at its limit).
    const cancel = cancelled(request.signal, () => host.cancel(request.jobId));
    try {
      const running = host.run(
        {
          t: 'run',
          id: request.jobId,
          kind: prepared.kind,
          entry,
          code: prepared.code,
          name: spec.name,
          inputs: JSON.stringify(spec.inputs ?? null),
          memoryMb: request.limits.memoryMb,
          timeoutMs: request.limits.timeoutMs,
          cpuTimeMs: request.limits.cpuTimeMs,
          ...this.caps,
        },
        session && this.egress ? relayTo(this.egress, session.token) : null,
      );
      const done = await Promise.race([running, cancel.promise]);
      if (done === 'cancelled') running.catch(() => undefined);
      if (done === 'cancelled' || done.status === 'cancelled') return { cancelled: true };
      const error = done.error && remapError(done.error, entry, prepared.map);
      return await this.judge(request, { ...done, error }, session?.close() ?? []);
    } finally {
      cancel.dispose();
      session?.close();
      this.hosts.release(host);
    }
  }

  /** The host's report as a run stage and a harness frame, judged like a container run. */
  private async judge(request: ExecutionRequest, done: DoneMessage, egressLogs: FunctionLog[]): Promise<ExecutionOutcome> {
    const limit = done.status === 'memory_limit' || done.status === 'timeout' ? done.status : null;
    const run: StageResult = {
      stdout: '',
      stderr: '',
      encoding: 'utf8',
      exitCode: done.status === 'ok' ? 0 : 1,
      signal: null,
      wallMs: tenths(done.wallMs),
      cpuMs: tenths(done.cpuMs),
      memoryBytes: done.memoryBytes ?? null,
      truncated: false,
      timeLimit: done.timeLimit ?? null,
    };
    const message =
      limit === 'memory_limit' ? LIMIT_MESSAGES.memory_limit(request) : limit ? LIMIT_MESSAGES[done.timeLimit ?? 'wall'](request) : null;
    const ran: InterpretedRun = { outcome: limit ?? 'ok', run, message, stdoutBytes: Buffer.alloc(0), warm: true };
    // At a limit the frame only carries the logs so far (functionOutcome reads nothing else then).
    const status: HarnessFrame['status'] = done.status === 'ok' || done.status === 'compile_error' ? done.status : 'error';
    const frame: HarnessFrame = { status, result: done.result, error: done.error, logs: done.logs, logsTruncated: done.logsTruncated };
    const judged = await functionOutcome(ran, frame, egressLogs);
    return { run, compile: null, ...judged, timings: { sandboxMs: 0, warm: true } };
  }
}

const tenths = (value: number | null | undefined) => (value === undefined || value === null ? null : Math.round(value * 10) / 10);

/** Resolves with 'cancelled' when the job's signal aborts (after telling the host); dispose() stops listening. */
function cancelled(signal: AbortSignal | undefined, onAbort: () => void) {
  let listener = () => undefined as void;
  const promise = new Promise<'cancelled'>((resolve) => {
    listener = () => {
      onAbort();
      resolve('cancelled');
    };
  });
  signal?.addEventListener('abort', listener, { once: true });
  if (signal?.aborted) listener();
  return { promise, dispose: () => signal?.removeEventListener('abort', listener) };
}

/** The job's outbound HTTP through the worker's egress proxy (policy, counters and request log of its session). */
function relayTo(egress: EgressGateway, token: string): HttpRelay {
  return async (request): Promise<HttpAnswer> => {
    const answer = await egress.relay(token, request);
    if ('error' in answer) return { error: answer.error };
    return {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
      text: Buffer.from(answer.body, 'base64').toString('utf8'),
    };
  };
}
