import { performance } from 'node:perf_hooks';
import type { StageResult } from '#contracts';
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
    const started = performance.now();
    const entry = request.files[0].name;
    const prepared = await prepareCode(request.language.id, entry, request.files[0].data.toString('utf8'), spec.name);
    if (!('kind' in prepared))
      return this.judge(
        request,
        { t: 'done', id: request.jobId, status: 'compile_error', error: prepared, logs: [], logsTruncated: false },
        [],
      );
    const session = spec.network && this.egress ? this.egress.open(spec.network) : null;
    const host = await this.hosts.acquire();
    // A cancel answers at once; the host stops the isolate as soon as its running code yields (at the latest at its limit).
    let onAbort = () => undefined as void;
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => {
        host.cancel(request.jobId);
        resolve('aborted');
      };
    });
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) onAbort();
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
      const done = await Promise.race([running, aborted]);
      if (done === 'aborted') running.catch(() => undefined);
      if (done === 'aborted' || done.status === 'cancelled' || request.signal?.aborted) return { cancelled: true };
      const error = done.error && remapError(done.error, entry, prepared.map);
      const outcome = await this.judge(request, { ...done, error }, session?.close() ?? []);
      return 'cancelled' in outcome && outcome.cancelled
        ? outcome
        : { ...outcome, timings: { sandboxMs: performance.now() - started, warm: true } };
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      session?.close();
      this.hosts.release(host);
    }
  }

  private async judge(
    request: ExecutionRequest,
    done: DoneMessage,
    egressLogs: Parameters<typeof functionOutcome>[2],
  ): Promise<ExecutionOutcome> {
    const limit = done.status === 'memory_limit' ? 'memory_limit' : done.status === 'timeout' ? 'timeout' : null;
    const run: StageResult = {
      stdout: '',
      stderr: '',
      encoding: 'utf8',
      exitCode: done.status === 'ok' ? 0 : 1,
      signal: null,
      wallMs: done.wallMs === undefined ? null : Math.round(done.wallMs * 10) / 10,
      cpuMs: done.cpuMs === undefined || done.cpuMs === null ? null : Math.round(done.cpuMs * 10) / 10,
      memoryBytes: done.memoryBytes ?? null,
      truncated: false,
      timeLimit: done.timeLimit ?? null,
    };
    const message =
      limit === 'memory_limit' ? LIMIT_MESSAGES.memory_limit(request) : limit ? LIMIT_MESSAGES[done.timeLimit ?? 'wall'](request) : null;
    const ran: InterpretedRun = { outcome: limit ?? 'ok', run, message, stdoutBytes: Buffer.alloc(0), warm: true };
    const frame: HarnessFrame | null = limit
      ? null
      : {
          status: done.status as HarnessFrame['status'],
          result: done.result,
          error: done.error,
          logs: done.logs,
          logsTruncated: done.logsTruncated,
        };
    const judged = await functionOutcome(ran, frame, egressLogs);
    const logs = limit
      ? { logs: [...done.logs, ...judged.function.logs].sort((a, b) => (a.ts < b.ts ? -1 : 1)), logsTruncated: done.logsTruncated }
      : {};
    return { run, compile: null, ...judged, function: { ...judged.function, ...logs } };
  }
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
