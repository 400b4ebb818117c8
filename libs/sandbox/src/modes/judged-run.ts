import type { ExecutionResult, JudgeSummary, Outcome, TestCaseResult } from '#contracts';
import type { ExecutionOutcome, ExecutionRequest } from '../execution/execution.types';
import type { Cancelled, InterpretedRun, Program, RunInput } from '../execution/run.types';
import type { StageRunner } from '../execution/stage-runner';
import type { ExecutionMode } from './execution-mode';
import { outputMatches } from './output-comparator';
import { describeDifference, firstDifference } from './output-diff';

type Run = (input: RunInput) => Promise<InterpretedRun | Cancelled>;

/** Runs `worker` over `items` with at most `limit` in flight, keeping order of results. */
async function eachLimited<T>(items: readonly T[], limit: number, worker: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      await worker(items[index], index);
    }
  });
  await Promise.all(lanes);
}

export function summarize(results: readonly TestCaseResult[]): JudgeSummary {
  const failed = results.find((r) => r.outcome !== 'ok');
  const walls = results.map((r) => r.wallMs).filter((v): v is number => v !== null);
  const memories = results.map((r) => r.memoryBytes).filter((v): v is number => v !== null);
  return {
    passed: results.filter((r) => r.outcome === 'ok').length,
    total: results.length,
    firstFailure: failed ? failed.index : null,
    maxWallMs: walls.length ? Math.max(...walls) : null,
    maxMemoryBytes: memories.length ? Math.max(...memories) : null,
  };
}

/**
 * Runs every test case of a job against the already compiled program, each in a fresh
 * sandbox with the job's limits (a case may lower or raise its own time limits within the maxima),
 * and compares stdout with the expected output. The job's outcome is `ok` when all pass,
 * else the outcome of the first failing case.
 */
export async function judge(
  request: ExecutionRequest,
  run: Run,
  parallelism: number,
): Promise<Omit<ExecutionResult, 'compile'> | Cancelled> {
  const tests = request.tests ?? [];
  const results: TestCaseResult[] = new Array(tests.length);
  let cancelled = false;
  await eachLimited(tests, parallelism, async (test, index) => {
    if (cancelled) return;
    const limits = {
      ...request.limits,
      timeoutMs: test.timeoutMs ?? request.limits.timeoutMs,
      cpuTimeMs: test.cpuTimeMs ?? request.limits.cpuTimeMs,
    };
    const ran = await run({ stdin: test.stdin, args: test.args ?? request.args, limits });
    if ('cancelled' in ran) {
      cancelled = true;
      return;
    }
    const artifacts = ran.artifacts ? { artifacts: ran.artifacts } : {};
    if (ran.outcome === 'ok' && !outputMatches(ran.stdoutBytes, test.expectedOutput, request.comparison)) {
      const diff = firstDifference(ran.stdoutBytes, test.expectedOutput, request.comparison);
      results[index] = { index, outcome: 'wrong_answer', ...ran.run, ...(diff ? { diff } : {}), ...artifacts };
    } else {
      results[index] = { index, outcome: ran.outcome, ...ran.run, ...artifacts };
    }
  });
  if (cancelled) return { cancelled: true };
  const summary = summarize(results);
  const failure = summary.firstFailure === null ? null : results[summary.firstFailure];
  const outcome: Outcome = failure ? failure.outcome : 'ok';
  const message =
    `${summary.passed}/${summary.total} test cases passed` +
    (failure ? `; first failure: case ${failure.index} (${outcome})${failure.diff ? `: ${describeDifference(failure.diff)}` : ''}` : '');
  return { outcome, run: null, tests: results, summary, message };
}

/** Test cases: the program compiled once, then each case in its own fresh container. */
export class JudgedRun implements ExecutionMode {
  constructor(
    private readonly stages: StageRunner,
    private readonly request: ExecutionRequest,
    private readonly parallelism: number,
  ) {}

  async run({ work, argv, compile }: Program): Promise<ExecutionOutcome> {
    const run = (input: RunInput) => this.stages.run(this.request, [...argv, ...input.args], work, input);
    const judged = await judge(this.request, run, this.parallelism);
    return 'cancelled' in judged ? judged : { ...judged, compile };
  }
}
