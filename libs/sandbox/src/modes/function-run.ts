import { randomBytes } from 'node:crypto';
import { FUNCTION_TYPESCRIPT_GLOBALS_FILE, type StageResult } from '#contracts';
import type { EgressGateway, EgressSession } from '../egress/egress-proxy';
import type { ExecutionOutcome, ExecutionRequest, ExecutionSettings, FunctionSpec } from '../execution/execution.types';
import type { Program } from '../execution/run.types';
import type { RunAdditions, StageRunner } from '../execution/stage-runner';
import { extractFrame, type HarnessFrame } from '../function/function-frame';
import {
  EGRESS_DIR_IN_SANDBOX,
  EGRESS_SOCKET_NAME,
  harnessArgv,
  harnessFiles,
  harnessJobFiles,
  TYPESCRIPT_GLOBALS,
  type HarnessConfig,
} from '../function/function-harness';
import { functionOutcome, typescriptCompileError } from '../function/function-outcome';
import type { CompileInput, ExecutionMode } from './execution-mode';

export const FUNCTION_DEFAULTS = { maxResultBytes: 1024 * 1024, maxLogBytes: 64 * 1024 };

/** A job's way out through the egress proxy: the gateway and the session opened on it. */
interface Network {
  gateway: EgressGateway;
  session: EgressSession;
}

/** Function mode: the harness runs in place of the program, calls the function and reports a result frame. */
export class FunctionRun implements ExecutionMode {
  private readonly caps: NonNullable<ExecutionSettings['function']>;

  constructor(
    private readonly stages: StageRunner,
    private readonly request: ExecutionRequest,
    private readonly spec: FunctionSpec,
    caps: ExecutionSettings['function'],
    private readonly egress: EgressGateway | null,
  ) {
    this.caps = caps ?? FUNCTION_DEFAULTS;
  }

  /** TypeScript: the harness's globals are declared, and source maps take stack traces back to the .ts lines. */
  compileInput({ work, names, options }: CompileInput): CompileInput {
    return {
      work: [...work, { path: `work/${FUNCTION_TYPESCRIPT_GLOBALS_FILE}`, data: Buffer.from(TYPESCRIPT_GLOBALS) }],
      names: [...names, FUNCTION_TYPESCRIPT_GLOBALS_FILE],
      options: [...(options ?? []), '--sourceMap'],
    };
  }

  compileError(compile: StageResult, failure: string) {
    return { function: typescriptCompileError(compile, failure) };
  }

  async run({ work, compile }: Program): Promise<ExecutionOutcome> {
    const { request, spec, caps } = this;
    const entry = request.language.compile ? request.files[0].name.replace(/\.ts$/, '.js') : request.files[0].name;
    const token = randomBytes(16).toString('hex');
    const network = this.openNetwork();
    try {
      const config: HarnessConfig = {
        entry,
        name: spec.name,
        token,
        ...caps,
        egress: network
          ? { socket: `${EGRESS_DIR_IN_SANDBOX}/${EGRESS_SOCKET_NAME}`, token: network.session.token, timeoutMs: network.gateway.timeoutMs }
          : null,
      };
      const additions: RunAdditions<HarnessFrame | null> = {
        files: [...harnessFiles(), ...harnessJobFiles(config, spec.inputs)],
        mounts: network ? [{ source: network.gateway.socketDir, target: EGRESS_DIR_IN_SANDBOX }] : [],
        // The frame carries the result as JSON (bytes as base64) and the logs.
        stdoutRoom: Math.ceil(caps.maxResultBytes * 1.4) + caps.maxLogBytes * 2 + 4096,
        takeOut: (stdout) => {
          const { stdout: rest, frame } = extractFrame(stdout, token);
          return { stdout: rest, taken: frame };
        },
      };
      const argv = [...harnessArgv(request.language.id), ...request.args];
      const input = { stdin: request.stdin, args: request.args, limits: request.limits };
      const ran = await this.stages.runWith(request, argv, work, input, additions);
      if ('cancelled' in ran) return { cancelled: true };
      const { stdoutBytes: _bytes, warm, taken: frame, ...result } = ran;
      const egressLogs = network ? network.session.close() : [];
      const judged = await functionOutcome(ran, frame, egressLogs);
      return { ...result, ...judged, compile, timings: { sandboxMs: 0, warm } };
    } finally {
      network?.session.close();
    }
  }

  /** A session on the egress proxy for a function that may use the network, when this worker has one. */
  private openNetwork(): Network | null {
    const { network } = this.spec;
    if (!network || !this.egress) return null;
    return { gateway: this.egress, session: this.egress.open(network) };
  }
}
