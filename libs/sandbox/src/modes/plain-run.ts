import type { ExecutionOutcome, ExecutionRequest } from '../execution/execution.types';
import type { Program } from '../execution/run.types';
import type { StageRunner } from '../execution/stage-runner';
import type { ExecutionMode } from './execution-mode';
import { outputMatches } from './output-comparator';
import { describeDifference, firstDifference } from './output-diff';

/** A single run of the program; with an expected output, stdout is compared with it. */
export class PlainRun implements ExecutionMode {
  constructor(
    private readonly stages: StageRunner,
    private readonly request: ExecutionRequest,
  ) {}

  async run({ work, argv, compile }: Program): Promise<ExecutionOutcome> {
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
