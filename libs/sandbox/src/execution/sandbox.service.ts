import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { JobLimits, StageResult } from '#contracts';
import { buildContainerSpec, JOB_LABEL, tmpfsSizes, type SandboxProfile } from '../docker/container-spec';
import type { ContainerRunner } from '../docker/container-runner';
import { packArchive, unpackArchive, type ArchiveFile } from '../docker/job-archive';
import type { EgressGateway } from '../egress/egress-proxy';
import { extractFrame, type HarnessFrame } from '../function/function-frame';
import {
  EGRESS_DIR_IN_SANDBOX,
  EGRESS_SOCKET_NAME,
  harnessArgv,
  harnessFiles,
  harnessJobFiles,
  TYPESCRIPT_GLOBALS,
} from '../function/function-harness';
import { functionOutcome, typescriptCompileError } from '../function/function-outcome';
import { judge } from '../judging/judge';
import { outputMatches } from '../judging/output-comparator';
import { expandArgv } from '#languages';
import type { ExecutionOutcome, ExecutionRequest, ExecutionSettings } from './execution.types';
import { quoteArgv } from './argv-file';
import { SandboxError } from './execution.types';
import { parseCompileStatus, splitRunTrailer, splitStdoutMarker } from './stage-report';
import { interpretRun, toStageResult, type InterpretedRun } from './stage-result';

const MiB = 1024 * 1024;
const TRAILER_ROOM = 512;

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** What the runner needs besides the program: its argv and time limit (the command itself is fixed, see images/runner). */
const stageFiles = (argv: string[], timeoutMs: number): ArchiveFile[] => [
  { path: 'tmp/runq/argv', data: Buffer.from(quoteArgv(argv)) },
  { path: 'tmp/runq/timeout', data: Buffer.from(seconds(timeoutMs)) },
];

/** One run of the program: its input, arguments and limits. */
export interface RunInput {
  stdin: Buffer;
  args: string[];
  limits: JobLimits;
}

/** A function-mode run: the harness's frame token, extra files and mounts, and stdout room for the frame. */
interface FunctionRunExtras {
  token: string;
  files: ArchiveFile[];
  mounts: { source: string; target: string }[];
  stdoutRoom: number;
}

const FUNCTION_DEFAULTS = { maxResultBytes: 1024 * 1024, maxLogBytes: 64 * 1024 };
const FUNCTION_GLOBALS_FILE = 'runq-function.d.ts';

/**
 * Runs a job's stages, each in its own fresh container: compile (when the language
 * has one) returns its artifacts as a tar on stdout, which the run stage receives on
 * stdin together with the program's input. Interprets what happened as an outcome.
 */
export class SandboxService {
  constructor(
    private readonly runner: ContainerRunner,
    private readonly settings: ExecutionSettings,
    private readonly egress: EgressGateway | null = null,
  ) {}

  async execute(request: ExecutionRequest): Promise<ExecutionOutcome> {
    const started = performance.now();
    const outcome = await this.stages(request);
    if ('cancelled' in outcome && outcome.cancelled) return outcome;
    const sandboxMs = Math.round((performance.now() - started) * 10) / 10;
    return { ...outcome, timings: { sandboxMs, warm: outcome.timings?.warm ?? false, runtime: this.runtimeOf(request) } };
  }

  /** The container runtime for a job's language: its override, else the worker's runtime. */
  runtimeOf(request: Pick<ExecutionRequest, 'language'>): string {
    return this.settings.runtimeOverrides?.[request.language.id] ?? this.settings.runtime;
  }

  private async stages(request: ExecutionRequest): Promise<ExecutionOutcome> {
    const { language, files } = request;
    const entry = files[0].name;
    const names = files.map((f) => f.name);
    let work: ArchiveFile[] = files.map((f) => ({ path: `work/${f.name}`, data: f.data }));
    let compile: StageResult | null = null;
    let compileOptions = request.compileOptions;
    if (request.function && language.compile) {
      // TypeScript: the harness's globals are declared, and source maps take stack traces back to the .ts lines.
      work.push({ path: `work/${FUNCTION_GLOBALS_FILE}`, data: Buffer.from(TYPESCRIPT_GLOBALS) });
      names.push(FUNCTION_GLOBALS_FILE);
      compileOptions = [...(compileOptions ?? []), '--sourceMap'];
    }

    if (language.compile) {
      const argv = expandArgv(language.compile, entry, names, language.sourceExtensions, compileOptions);
      const compiled = await this.compileStage(request, argv, work);
      if ('cancelled' in compiled) return { cancelled: true };
      compile = compiled.stage;
      if (compiled.failure) {
        const fn = request.function ? { function: typescriptCompileError(compile, compiled.failure) } : {};
        return { outcome: 'compile_error', compile, run: null, message: compiled.failure, ...fn };
      }
      work = compiled.artifacts;
    }
    if (request.function) return this.functionRun(request, work, compile);
    const argv = expandArgv(language.run, entry, names, language.sourceExtensions);
    // One compile, then each test case in its own fresh container.
    const run = (input: RunInput) => this.runStage(request, [...argv, ...input.args], work, input);
    if (request.tests?.length) {
      const judged = await judge(request, run, this.settings.testParallelism);
      return 'cancelled' in judged ? judged : { ...judged, compile };
    }
    const ran = await run({ stdin: request.stdin, args: request.args, limits: request.limits });
    if ('cancelled' in ran) return { cancelled: true };
    const { stdoutBytes, warm, frame: _frame, ...result } = ran;
    const timings = { sandboxMs: 0, warm };
    if (request.expectedOutput && result.outcome === 'ok' && !outputMatches(stdoutBytes, request.expectedOutput, request.comparison)) {
      return { ...result, outcome: 'wrong_answer', message: 'the output differs from the expected output', compile, timings };
    }
    return { ...result, compile, timings };
  }

  /** Runs the function harness in place of the program and reads its result frame. */
  private async functionRun(request: ExecutionRequest, work: ArchiveFile[], compile: StageResult | null): Promise<ExecutionOutcome> {
    const fn = request.function!;
    const caps = this.settings.function ?? FUNCTION_DEFAULTS;
    const entry = request.language.compile ? request.files[0].name.replace(/\.ts$/, '.js') : request.files[0].name;
    const token = randomBytes(16).toString('hex');
    const egress = fn.network && this.egress ? this.egress : null;
    const session = egress ? egress.open(fn.network!) : null;
    try {
      const config = {
        entry,
        name: fn.name,
        token,
        ...caps,
        egress: session
          ? { socket: `${EGRESS_DIR_IN_SANDBOX}/${EGRESS_SOCKET_NAME}`, token: session.token, timeoutMs: egress!.timeoutMs }
          : null,
      };
      const extras: FunctionRunExtras = {
        token,
        files: [...harnessFiles(), ...harnessJobFiles(config, fn.inputs)],
        mounts: session ? [{ source: egress!.socketDir, target: EGRESS_DIR_IN_SANDBOX }] : [],
        // The frame carries the result as JSON (bytes as base64) and the logs.
        stdoutRoom: Math.ceil(caps.maxResultBytes * 1.4) + caps.maxLogBytes * 2 + 4096,
      };
      const argv = [...harnessArgv(request.language.id), ...request.args];
      const ran = await this.runStage(request, argv, work, { stdin: request.stdin, args: request.args, limits: request.limits }, extras);
      if ('cancelled' in ran) return { cancelled: true };
      const { stdoutBytes: _bytes, warm, frame, ...result } = ran;
      const egressLogs = session ? session.close() : [];
      const judged = await functionOutcome(ran, frame, egressLogs);
      return { ...result, ...judged, compile, timings: { sandboxMs: 0, warm } };
    } finally {
      session?.close();
    }
  }

  private image(request: ExecutionRequest): string {
    return `${this.settings.imagePrefix}${request.language.image}:latest`;
  }

  private labels(request: ExecutionRequest, stageName: string): Record<string, string> {
    return { ...request.labels, [JOB_LABEL]: request.jobId, 'runq.stage': stageName };
  }

  private async compileStage(request: ExecutionRequest, argv: string[], work: ArchiveFile[]) {
    const overrides = request.language.compileLimits ?? {};
    const timeoutMs = overrides.timeoutMs ?? this.settings.compile.timeoutMs;
    const memoryMb = overrides.memoryMb ?? this.settings.compile.memoryMb;
    const profile: SandboxProfile = {
      memoryMb,
      cpus: Math.max(request.limits.cpus, 1),
      processes: Math.max(request.limits.processes, overrides.processes ?? 128),
      runtime: this.runtimeOf(request),
    };
    const { workMb, tmpMb } = tmpfsSizes(memoryMb);
    const result = await this.runner.run({
      spec: buildContainerSpec({
        image: this.image(request),
        cmd: ['/opt/runq/compile'],
        env: request.language.env,
        profile,
        labels: this.labels(request, 'compile'),
      }),
      input: await packArchive([...work, ...stageFiles(argv, timeoutMs)]),
      deadlineMs: timeoutMs + this.settings.startGraceMs,
      stdoutCap: (workMb + tmpMb) * MiB,
      stderrCap: 64 * 1024,
      signal: request.signal,
    });
    if (result.killedFor === 'cancel') return { cancelled: true as const };
    const failed = (message: string, stageResult: StageResult) => ({
      stage: stageResult,
      failure: message,
      artifacts: [] as ArchiveFile[],
    });
    const empty = Buffer.alloc(0);
    // Killed before it could report: all there is, is what reached stderr.
    const killed = (truncated: boolean) =>
      toStageResult(empty, truncated ? empty : result.stderr, null, result.statusCode, result.wallMs, truncated);
    if (result.oomKilled) return failed(`the compiler exceeded the compile memory limit of ${memoryMb} MB`, killed(false));
    if (result.killedFor === 'timeout') return failed(`compilation exceeded the compile time limit of ${timeoutMs} ms`, killed(false));
    if (result.killedFor === 'output') return failed('the compiler produced more output than the sandbox can hold', killed(true));

    const entries = await unpackArchive(Readable.from([result.stdout]), result.stdout.length).catch((error: Error) => {
      throw new SandboxError(`compile stage returned an unreadable archive: ${error.message}`);
    });
    const find = (path: string) => entries.find((e) => e.path === path)?.data;
    const status = find('result/status');
    const usage = status ? parseCompileStatus(status.toString()) : null;
    if (!usage) throw new SandboxError(`compile runner failed (status ${result.statusCode}): ${result.stderr.toString().slice(0, 500)}`);
    const cap = request.limits.outputBytes;
    const out = find('result/stdout') ?? empty;
    const err = find('result/stderr') ?? empty;
    const compiled = toStageResult(
      out.subarray(0, cap),
      err.subarray(0, cap),
      usage,
      null,
      result.wallMs,
      out.length > cap || err.length > cap,
    );
    if (usage.exitCode === 137 && usage.wallMs >= timeoutMs)
      return failed(`compilation exceeded the compile time limit of ${timeoutMs} ms`, compiled);
    // Docker's OOM flag can miss a compiler the OOM killer stopped: its peak at the limit tells.
    if (usage.exitCode === 137 && usage.memoryBytes !== null && usage.memoryBytes >= memoryMb * MiB * 0.98)
      return failed(`the compiler exceeded the compile memory limit of ${memoryMb} MB`, compiled);
    if (usage.exitCode !== 0) return failed(`compilation failed with exit code ${usage.exitCode}`, compiled);
    return { stage: compiled, failure: null, artifacts: entries.filter((e) => e.path.startsWith('work/')) };
  }

  private async runStage(
    request: ExecutionRequest,
    argv: string[],
    work: ArchiveFile[],
    input: RunInput,
    fn?: FunctionRunExtras,
  ): Promise<(InterpretedRun & { frame: HarnessFrame | null }) | { cancelled: true }> {
    const { limits } = input;
    const nonce = randomBytes(16).toString('hex');
    const archive = await packArchive([
      ...work,
      ...(fn?.files ?? []),
      ...stageFiles(argv, limits.timeoutMs),
      { path: 'tmp/runq/stdin', data: input.stdin },
      { path: 'tmp/runq/nonce', data: Buffer.from(nonce) },
    ]);
    const room = TRAILER_ROOM + (fn?.stdoutRoom ?? 0);
    const profile: SandboxProfile = {
      memoryMb: limits.memoryMb,
      cpus: limits.cpus,
      processes: limits.processes,
      runtime: this.runtimeOf(request),
    };
    const result = await this.runner.run({
      spec: buildContainerSpec({
        image: this.image(request),
        cmd: ['/opt/runq/run'],
        env: request.language.env,
        profile,
        labels: this.labels(request, 'run'),
        readOnlyMounts: fn?.mounts,
      }),
      input: archive,
      deadlineMs: limits.timeoutMs + this.settings.startGraceMs,
      stdoutCap: limits.outputBytes + room,
      stderrCap: limits.outputBytes + TRAILER_ROOM,
      signal: request.signal,
      // The runner's report comes after the program ended; only a SIGKILL (maybe the OOM
      // killer) needs the container's state.
      settled: (stdoutTail, stderrTail) => {
        const usage = splitRunTrailer(stderrTail, nonce).usage;
        return usage !== null && usage.exitCode !== 137 && splitStdoutMarker(stdoutTail, nonce).found;
      },
    });
    if (result.killedFor === 'cancel') return { cancelled: true };
    if (!fn) return { ...interpretRun(result, nonce, limits), frame: null };
    const { stdout, frame } = extractFrame(result.stdout, fn.token);
    return { ...interpretRun({ ...result, stdout }, nonce, limits), frame };
  }
}
