import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Artifact, StageResult } from '#contracts';
import { ArtifactCollection } from '../artifacts/artifact-collection';
import { buildContainerSpec, JOB_LABEL, tmpfsSizes, type SandboxProfile } from '../docker/container-spec';
import type { ContainerRunner, ContainerRunResult } from '../docker/container-runner';
import { packArchive, unpackArchive, type ArchiveFile } from '../docker/job-archive';
import { quoteArgv } from './argv-file';
import { SandboxError, type ExecutionRequest, type ExecutionSettings } from './execution.types';
import type { Cancelled, InterpretedRun, RunInput } from './run.types';
import { parseCompileStatus, splitRunTrailer, splitStdoutMarker } from './stage-report';
import { interpretRun, toStageResult } from './stage-result';

const MiB = 1024 * 1024;
const TRAILER_ROOM = 512;

const SIGKILL = 9;
/** The collector runs after the program's limits have ended it; its own work is bounded by the artifact caps. */
const COLLECT_GRACE_MS = 2000;

/**
 * What the runner needs besides the program: its argv, its time limits (wall clock and CPU,
 * 0: none, in ms) and its CPU share, the bound of CPU time a reading may claim (the command
 * itself is fixed, see images/runner).
 */
const stageFiles = (argv: string[], timeoutMs: number, cpuTimeMs: number, cpus: number): ArchiveFile[] => [
  { path: 'tmp/runq/argv', data: Buffer.from(quoteArgv(argv)) },
  { path: 'tmp/runq/limits', data: Buffer.from(`${Math.round(timeoutMs)} ${Math.round(cpuTimeMs)} ${cpus}`) },
];

/** A compile stage: its result, and either why it failed or the work/ artifacts it left. */
export interface CompiledStage {
  stage: StageResult;
  failure: string | null;
  artifacts: ArchiveFile[];
}

/** What a mode adds to a run stage, and what it takes out of stdout before the run is interpreted. */
export interface RunAdditions<T> {
  files: ArchiveFile[];
  mounts: { source: string; target: string }[];
  /** Stdout room on top of the job's output cap, for what `takeOut` removes. */
  stdoutRoom: number;
  takeOut(stdout: Buffer): { stdout: Buffer; taken: T };
}

type Extras = Omit<RunAdditions<unknown>, 'takeOut'>;

/**
 * Runs one stage of a job, each in its own fresh container: compile returns its artifacts
 * as a tar on stdout, which a run stage receives on stdin together with the program's input.
 */
export class StageRunner {
  constructor(
    private readonly runner: ContainerRunner,
    private readonly settings: ExecutionSettings,
  ) {}

  /** The container runtime for a job's language: its override, else the worker's runtime. */
  runtimeOf(request: Pick<ExecutionRequest, 'language'>): string {
    return this.settings.runtimeOverrides?.[request.language.id] ?? this.settings.runtime;
  }

  async compile(request: ExecutionRequest, argv: string[], work: ArchiveFile[]): Promise<CompiledStage | Cancelled> {
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
      // The compile stage has a wall-clock limit only.
      input: await packArchive([...work, ...stageFiles(argv, timeoutMs, 0, profile.cpus)]),
      deadlineMs: timeoutMs + this.settings.startGraceMs,
      stdoutCap: (workMb + tmpMb) * MiB,
      stderrCap: 64 * 1024,
      signal: request.signal,
    });
    if (result.killedFor === 'cancel') return { cancelled: true };
    const failed = (message: string, stageResult: StageResult): CompiledStage => ({ stage: stageResult, failure: message, artifacts: [] });
    const empty = Buffer.alloc(0);
    // Killed before it could report: all there is, is what reached stderr.
    const killed = (truncated: boolean) =>
      toStageResult(empty, truncated ? empty : result.stderr, null, result.statusCode, result.wallMs, truncated);
    if (result.oomKilled) return failed(`the compiler exceeded the compile memory limit of ${memoryMb} MB`, killed(false));
    if (result.killedFor === 'timeout')
      return failed(`compilation exceeded the compile time limit of ${timeoutMs} ms`, { ...killed(false), timeLimit: 'wall' });
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
    if (usage.limit === 'wall' || (usage.signal === SIGKILL && usage.wallMs >= timeoutMs))
      return failed(`compilation exceeded the compile time limit of ${timeoutMs} ms`, { ...compiled, timeLimit: 'wall' });
    // Docker's OOM flag can miss a compiler the OOM killer stopped: its peak at the limit tells.
    if (usage.signal === SIGKILL && usage.memoryBytes !== null && usage.memoryBytes >= memoryMb * MiB * 0.98)
      return failed(`the compiler exceeded the compile memory limit of ${memoryMb} MB`, compiled);
    if (usage.exitCode !== 0) {
      const how = compiled.signal ? `the compiler was killed by ${compiled.signal}` : `compilation failed with exit code ${usage.exitCode}`;
      return failed(how, compiled);
    }
    return { stage: compiled, failure: null, artifacts: entries.filter((e) => e.path.startsWith('work/')) };
  }

  /** Runs the program once with `argv`. */
  async run(request: ExecutionRequest, argv: string[], work: ArchiveFile[], input: RunInput): Promise<InterpretedRun | Cancelled> {
    const ran = await this.start(request, argv, work, input);
    if ('cancelled' in ran) return ran;
    return { ...interpretRun(ran.result, ran.nonce, input.limits), ...ran.artifacts };
  }

  /** Runs `argv` with a mode's additions, and returns what the mode took out of stdout with the run. */
  async runWith<T>(
    request: ExecutionRequest,
    argv: string[],
    work: ArchiveFile[],
    input: RunInput,
    additions: RunAdditions<T>,
  ): Promise<(InterpretedRun & { taken: T }) | Cancelled> {
    const ran = await this.start(request, argv, work, input, additions);
    if ('cancelled' in ran) return ran;
    const { stdout, taken } = additions.takeOut(ran.result.stdout);
    return { ...interpretRun({ ...ran.result, stdout }, ran.nonce, input.limits), ...ran.artifacts, taken };
  }

  private async start(
    request: ExecutionRequest,
    argv: string[],
    work: ArchiveFile[],
    input: RunInput,
    extras?: Extras,
  ): Promise<{ result: ContainerRunResult; nonce: string; artifacts: { artifacts?: Artifact[] } } | Cancelled> {
    const { limits } = input;
    const nonce = randomBytes(16).toString('hex');
    const collection = request.artifacts ? new ArtifactCollection(request.artifacts) : null;
    const archive = await packArchive([
      ...work,
      ...(extras?.files ?? []),
      ...(collection ? [collection.file()] : []),
      ...stageFiles(argv, limits.timeoutMs, limits.cpuTimeMs, limits.cpus),
      { path: 'tmp/runq/stdin', data: input.stdin },
      { path: 'tmp/runq/nonce', data: Buffer.from(nonce) },
    ]);
    const room = TRAILER_ROOM + (extras?.stdoutRoom ?? 0) + (collection?.stdoutRoom ?? 0);
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
        readOnlyMounts: extras?.mounts,
      }),
      input: archive,
      deadlineMs: limits.timeoutMs + this.settings.startGraceMs + (collection ? COLLECT_GRACE_MS : 0),
      stdoutCap: limits.outputBytes + room,
      stderrCap: limits.outputBytes + TRAILER_ROOM,
      signal: request.signal,
      // The runner's report comes after the program ended; only a SIGKILL (maybe the OOM
      // killer) needs the container's state.
      settled: (stdoutTail, stderrTail) => {
        const usage = splitRunTrailer(stderrTail, nonce).usage;
        return usage !== null && usage.signal !== SIGKILL && splitStdoutMarker(stdoutTail, nonce).found;
      },
    });
    if (result.killedFor === 'cancel') return { cancelled: true };
    if (!collection) return { result, nonce, artifacts: {} };
    // The collector's section comes after the program's output (a function's frame included).
    const { stdout, artifacts } = await collection.takeOut(result.stdout);
    return { result: { ...result, stdout }, nonce, artifacts: { artifacts } };
  }

  private image(request: ExecutionRequest): string {
    return `${this.settings.imagePrefix}${request.language.image}:latest`;
  }

  private labels(request: ExecutionRequest, stageName: string): Record<string, string> {
    return { ...request.labels, [JOB_LABEL]: request.jobId, 'runq.stage': stageName };
  }
}
