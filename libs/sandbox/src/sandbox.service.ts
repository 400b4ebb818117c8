import { performance } from 'node:perf_hooks';
import { expandArgv } from '#languages';
import type { ContainerRunner } from './docker/container-runner';
import type { EgressGateway } from './egress/egress-proxy';
import type { ExecutionOutcome, ExecutionRequest, ExecutionSettings } from './execution/execution.types';
import { StageRunner } from './execution/stage-runner';
import type { CompileInput, ExecutionMode } from './modes/execution-mode';
import { FUNCTION_DEFAULTS, FunctionRun } from './modes/function-run';
import { JudgedRun } from './modes/judged-run';
import { PlainRun } from './modes/plain-run';
import type { IsolateHostPool } from './isolate/isolate-host-pool';
import { IsolateRun } from './isolate/isolate-run';

/**
 * Runs a job: its sources compiled once (when the language has a compile step), then the
 * program run by the job's mode (a function call, test cases, or a single run), every stage
 * in its own fresh container. Interprets what happened as an outcome.
 */
export class SandboxService {
  private readonly stages: StageRunner;
  private readonly isolate: IsolateRun | null;

  constructor(
    runner: ContainerRunner,
    private readonly settings: ExecutionSettings,
    private readonly egress: EgressGateway | null = null,
    isolates: IsolateHostPool | null = null,
  ) {
    this.stages = new StageRunner(runner, settings);
    this.isolate = isolates && new IsolateRun(isolates, settings.function ?? FUNCTION_DEFAULTS, egress);
  }

  async execute(request: ExecutionRequest): Promise<ExecutionOutcome> {
    const started = performance.now();
    const spec = request.function;
    // A job queued for isolates that meets a worker without them still runs, in a container.
    const isolation = spec?.isolation === 'isolate' && this.isolate ? 'isolate' : 'container';
    const outcome =
      isolation === 'isolate' && spec && this.isolate ? await this.isolate.run(request, spec) : await this.compileAndRun(request);
    if ('cancelled' in outcome && outcome.cancelled) return outcome;
    const sandboxMs = Math.round((performance.now() - started) * 10) / 10;
    const timings = { sandboxMs, warm: outcome.timings?.warm ?? false, runtime: this.runtimeOf(request) };
    return { ...outcome, timings: spec ? { ...timings, isolation } : timings };
  }

  /** The container runtime for a job's language: its override, else the worker's runtime. */
  runtimeOf(request: Pick<ExecutionRequest, 'language'>): string {
    return this.stages.runtimeOf(request);
  }

  private modeOf(request: ExecutionRequest): ExecutionMode {
    if (request.function) return new FunctionRun(this.stages, request, request.function, this.settings.function, this.egress);
    if (request.tests?.length) return new JudgedRun(this.stages, request, this.settings.testParallelism);
    return new PlainRun(this.stages, request);
  }

  private async compileAndRun(request: ExecutionRequest): Promise<ExecutionOutcome> {
    const { language, files } = request;
    const mode = this.modeOf(request);
    const entry = files[0].name;
    const names = files.map((f) => f.name);
    const sources: CompileInput = {
      work: files.map((f) => ({ path: `work/${f.name}`, data: f.data })),
      names,
      options: request.compileOptions,
    };
    const argv = expandArgv(language.run, entry, names, language.sourceExtensions);
    if (!language.compile) return mode.run({ work: sources.work, argv, compile: null });

    const input = mode.compileInput?.(sources) ?? sources;
    const compileArgv = expandArgv(language.compile, entry, input.names, language.sourceExtensions, input.options);
    const compiled = await this.stages.compile(request, compileArgv, input.work);
    if ('cancelled' in compiled) return { cancelled: true };
    const compile = compiled.stage;
    if (compiled.failure) {
      return { outcome: 'compile_error', compile, run: null, message: compiled.failure, ...mode.compileError?.(compile, compiled.failure) };
    }
    return mode.run({ work: compiled.artifacts, argv, compile });
  }
}
