import type { JobView, StageResult, TestCaseResult } from '#contracts';
import { badge } from '../shared/badges';
import { h, pre, replace, withId, type Child } from '../shared/dom';
import { bytes, ms } from '../shared/format';
import { artifactList } from '../shared/artifact-view';
import { functionCall, functionResult } from '../shared/function-view';
import { outputDiff } from '../shared/output-diff';

export interface ShowOptions {
  /** Offer the job's dashboard page (admin keys). */
  dashboardLink: boolean;
  /** The expected outputs of the test cases as sent, shown next to a failed case's output. */
  expected: string[];
}

/** A finished job as the playground shows it: outcome and times, then the function's value, the stages or the test cases. */
export function showJob(root: HTMLElement, job: JobView, options: ShowOptions): void {
  replace(
    root,
    h(
      'div',
      { class: 'badges' },
      h('span', { id: 'result-status' }, badge(job.status)),
      h('span', { id: 'result-outcome' }, badge(job.outcome)),
      h('span', { class: 'muted' }, `${job.language} ${job.version ?? ''} · queue ${ms(job.queueMs)} · total ${ms(job.totalMs)}`),
      job.timings
        ? h(
            'span',
            { class: 'muted' },
            ` · sandbox ${ms(job.timings.sandboxMs)}${job.timings.warm ? ' (warm)' : ''}${job.timings.runtime ? ` on ${job.timings.runtime}` : ''}`,
          )
        : null,
    ),
    job.message ? h('p', { class: 'message' }, job.message) : null,
    job.function ? h('div', { class: 'stage', id: 'result-function' }, functionCall(job, 'fn'), functionResult(job, 'fn')) : null,
    stage('Compile', job.compile),
    stage('Run', job.run),
    artifactList(job.artifacts, 'result-artifacts'),
    job.tests ? tests(job, options.expected) : null,
    h(
      'p',
      { class: 'muted small' },
      'Job ',
      h('span', { class: 'mono', id: 'result-id' }, job.id),
      options.dashboardLink ? [' · ', h('a', { href: `/admin#/jobs/${job.id}`, id: 'result-dashboard' }, 'Open in the dashboard')] : null,
    ),
  );
}

function stage(title: string, result: StageResult | null): HTMLElement | null {
  if (!result) return null;
  const id = title.toLowerCase();
  return h(
    'div',
    { class: 'stage' },
    h('h3', {}, `${title}: ${stageFacts(result)}`),
    outputDiff(result, `${id}-diff`),
    streams(result, id),
  );
}

function stageFacts(s: StageResult): string {
  return `exit ${s.exitCode}${s.signal ? ` (${s.signal})` : ''} · ${ms(s.wallMs)} · ${bytes(s.memoryBytes)}`;
}

function streams(s: StageResult, id: string): Child[] {
  const encoded = s.encoding === 'base64' ? ' (base64: not text)' : '';
  return [
    h('h4', {}, `stdout${encoded}`),
    withId(pre(s.stdout), `${id}-stdout`),
    ...(s.stderr ? [h('h4', {}, `stderr${encoded}`), withId(pre(s.stderr), `${id}-stderr`)] : []),
  ];
}

function tests(job: JobView, expected: string[]): HTMLElement {
  const summary = job.summary;
  return h(
    'div',
    { class: 'stage', id: 'result-tests' },
    h('h3', {}, summary ? `Test cases: ${summary.passed} of ${summary.total} passed` : 'Test cases'),
    (job.tests ?? []).map((t) => testCase(t, expected[t.index])),
  );
}

function testCase(t: TestCaseResult, expected: string | undefined): HTMLElement {
  const passed = t.outcome === 'ok';
  return h(
    'details',
    { class: `case-result ${passed ? 'passed' : 'failed'}`, 'data-case': t.index, 'data-outcome': t.outcome, open: !passed },
    h(
      'summary',
      {},
      h('span', { class: passed ? 'good-text' : 'bad-text' }, passed ? '✓ ' : '✗ '),
      `#${t.index} `,
      badge(t.outcome),
      ` ${stageFacts(t)}`,
    ),
    outputDiff(t, `test-${t.index}-diff`),
    streams(t, `test-${t.index}`),
    !passed && expected !== undefined ? [h('h4', {}, 'expected output'), withId(pre(expected), `test-${t.index}-expected`)] : null,
  );
}
