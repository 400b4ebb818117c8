import type { ExecutionResult, StageResult } from '#contracts';
import type { ExecutionOutcome, ExecutionRequest } from '../execution/execution.types';
import type { Cancelled, Program } from '../execution/run.types';
import type { StageRunner } from '../execution/stage-runner';
import type { ExecutionMode } from './execution-mode';
import { outputMatches } from './output-comparator';
import { describeDifference, firstDifference } from './output-diff';
import { repetitionOf } from './run-repetition';

/**
 * The program run once, or `runs` times in fresh containers, stopping at the first run that is
 * not ok; with an expected output, stdout is compared with it (a difference is not ok). A
 * repeated run reports its last run, with the means over the runs made in `run.repeated`.
 */
export class PlainRun implements ExecutionMode {
  constructor(
    private readonly stages: StageRunner,
    private readonly request: ExecutionRequest,
  ) {}

  async run(program: Program): Promise<ExecutionOutcome> {
    const times = this.request.runs ?? 1;
    const made: StageResult[] = [];
    for (;;) {
      const outcome = await this.once(program);
      if ('cancelled' in outcome || times === 1) return outcome;
      made.push(outcome.run);
      if (outcome.outcome !== 'ok' || made.length === times) return { ...outcome, run: { ...outcome.run, repeated: repetitionOf(made) } };
    }
  }

  private async once({ work, argv, compile }: Program): Promise<(ExecutionResult & { run: StageResult }) | Cancelled> {
    const { request } = this;
    const input = { stdin: request.stdin, args: request.args, limits: request.limits };
    const ran = await this.stages.run(request, [...argv, ...input.args], work, input);
    if ('cancelled' in ran) return { cancelled: true };
    const { stdoutBytes, warm, ...result } = ran;
    const timings = { sandboxMs: 0, warm };
    if (request.expectedOutput && result.outcome === 'ok' && !outputMatches(stdoutBytes, request.expectedOutput, request.comparison)) {
      const diff = firstDifference(stdoutBytes, request.expectedOutput, request.comparison);
      const message = `the output differs from the expected output${diff ? `: ${describeDifference(diff)}` : ''}`;
      return { ...result, run: diff ? { ...result.run, diff } : result.run, outcome: 'wrong_answer', message, compile, timings };
    }
    return { ...result, compile, timings };
  }
}
