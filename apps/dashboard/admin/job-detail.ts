import { FINAL_STATUSES, type JobDetail, type JobStatus, type JobView, type StageResult } from '#contracts';
import { badge } from '../shared/badges';
import { h, pre, replace, withId, type Child } from '../shared/dom';
import { bytes, dateTime, ms } from '../shared/format';
import { artifactList } from '../shared/artifact-view';
import { functionCall, functionResult } from '../shared/function-view';
import { outputDiff } from '../shared/output-diff';
import { api, HttpError } from '../shared/http';
import { poll } from '../shared/poll';

const REFRESH_MS = 2000;

/** One job: what was submitted, what ran where, its output (as text), and the operator's actions. */
export function renderJobDetail(root: HTMLElement, id: string, onError: (e: unknown) => void): () => void {
  const notice = h('p', { class: 'notice', id: 'action-notice', role: 'status' });
  const content = h('div', {});
  replace(root, h('p', {}, h('a', { href: '#/jobs' }, '← Jobs')), notice, content);
  let last = '';
  let stop = () => {};
  const load = async () => {
    try {
      const { body: job } = await api<JobDetail>(`/admin/api/jobs/${encodeURIComponent(id)}`);
      const signature = JSON.stringify(job);
      if (signature !== last) {
        last = signature;
        replace(content, view(job, act));
      }
      if (FINAL_STATUSES.includes(job.status as JobStatus)) stop();
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) {
        stop();
        replace(content, h('p', { class: 'empty' }, `Job ${id} was not found (it may have been deleted).`));
        return;
      }
      onError(e);
    }
  };
  const act = (action: 'cancel' | 'rerun' | 'delete') => {
    if (action === 'delete' && !confirm('Delete this job and its output? This cannot be undone.')) return;
    const request =
      action === 'delete'
        ? api(`/admin/api/jobs/${id}`, { method: 'DELETE' })
        : api<JobView>(`/admin/api/jobs/${id}/${action}`, { method: 'POST' });
    request
      .then(({ body }) => {
        if (action === 'rerun') {
          location.hash = `#/jobs/${(body as JobView).id}`;
          return;
        }
        notice.textContent = action === 'cancel' ? 'Cancelled.' : 'Deleted.';
        if (action === 'delete') location.hash = '#/jobs';
        else {
          stop();
          stop = poll(load, REFRESH_MS);
        }
      })
      .catch((e: unknown) => {
        notice.textContent = e instanceof HttpError ? e.message : String(e);
      });
  };
  stop = poll(load, REFRESH_MS);
  return () => stop();
}

function view(job: JobDetail, act: (action: 'cancel' | 'rerun' | 'delete') => void): HTMLElement {
  const final = FINAL_STATUSES.includes(job.status as JobStatus);
  const actions = h(
    'div',
    { class: 'actions' },
    h('button', { type: 'button', id: 'action-cancel', disabled: final, onclick: () => act('cancel') }, 'Cancel'),
    h('button', { type: 'button', id: 'action-rerun', class: 'secondary', onclick: () => act('rerun') }, 'Re-run'),
    h('button', { type: 'button', id: 'action-delete', class: 'danger', onclick: () => act('delete') }, 'Delete'),
  );
  return h(
    'div',
    { class: 'detail' },
    h(
      'section',
      { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', { class: 'mono', id: 'job-id' }, job.id), actions),
      h(
        'div',
        { class: 'badges' },
        h('span', { id: 'job-status' }, badge(job.status)),
        h('span', { id: 'job-outcome' }, badge(job.outcome)),
      ),
      job.message ? h('p', { class: 'message' }, job.message) : null,
      facts([
        ['Language', job.version ? `${job.language} ${job.version}` : job.language],
        ['API key', job.apiKey ? `${job.apiKey.name} (${job.apiKey.prefix}…, ${job.apiKey.role})` : '–'],
        [
          'Worker',
          job.worker
            ? `${job.worker.id}${job.worker.host ? ` on ${job.worker.host}` : ''}${job.worker.alive ? '' : ' (no longer live)'}`
            : '–',
        ],
        ['Container runtime', job.worker?.runtime ?? (job.worker ? 'unknown' : '–')],
        ['Attempts', String(job.attempts)],
        ['Created', dateTime(job.createdAt)],
        ['Started', dateTime(job.startedAt)],
        ['Finished', dateTime(job.finishedAt)],
        ['Queue time', ms(job.queueMs)],
        ['Total time', ms(job.totalMs)],
        [
          'Time in sandboxes',
          job.timings ? `${ms(job.timings.sandboxMs)}${job.timings.warm ? ' (warm container)' : ' (cold start)'}` : '–',
        ],
        [
          'Limits',
          Object.entries(job.limits)
            .map(([k, v]) => `${k} ${v}`)
            .join(', '),
        ],
        ['Arguments', job.args.length ? job.args.join(' ') : '–'],
        ['Compile options', job.compileOptions.length ? job.compileOptions.join(' ') : '–'],
        ['Webhook', job.callbackUrl ? `${job.callbackUrl} (${job.callback?.status ?? 'pending'})` : '–'],
      ]),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Submitted'),
      job.files.map((f) =>
        h('div', { class: 'file' }, h('h3', { class: 'mono' }, f.name, f.encoding === 'base64' ? ' (base64)' : ''), pre(f.content, 'code')),
      ),
      h('h3', {}, `stdin${job.encoding === 'base64' ? ' (base64)' : ''}`),
      job.stdin ? pre(job.stdin) : h('p', { class: 'muted' }, 'empty'),
      job.expectedOutput !== null ? [h('h3', {}, 'Expected output'), pre(job.expectedOutput)] : null,
    ),
    job.function ? functionCard(job, final) : null,
    stageCard('Compile', job.compile, 'compile'),
    stageCard('Run', job.run, 'run'),
    job.artifacts?.length ? h('section', { class: 'card' }, artifactList(job.artifacts, 'artifacts')) : null,
    job.tests ? testsCard(job) : null,
  );
}

/** A function job: what it was called with, and once finished its result, logs and error. */
function functionCard(job: JobDetail, final: boolean): HTMLElement {
  return h(
    'section',
    { class: 'card', id: 'function' },
    h('h2', {}, 'Function'),
    functionCall(job, 'function'),
    final ? functionResult(job, 'function') : h('p', { class: 'muted' }, 'The result, logs and error appear when the job ends.'),
  );
}

function facts(rows: [string, Child][]): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

function stageCard(title: string, stage: StageResult | null, id: string): HTMLElement | null {
  if (!stage) return null;
  return h('section', { class: 'card', id: `stage-${id}` }, h('h2', {}, title), stageBody(stage, id));
}

function stageBody(stage: StageResult, id: string): Child[] {
  const encoded = stage.encoding === 'base64' ? ' (base64: not text)' : '';
  return [
    facts([
      ['Exit', stage.signal ? `${stage.exitCode} (${stage.signal})` : String(stage.exitCode)],
      ['Wall / CPU', `${ms(stage.wallMs)} / ${ms(stage.cpuMs)}`],
      ['Peak memory', bytes(stage.memoryBytes)],
      ['Truncated', stage.truncated ? 'yes' : 'no'],
    ]),
    outputDiff(stage, `${id}-diff`),
    h('h3', {}, `stdout${encoded}`),
    withId(pre(stage.stdout), `${id}-stdout`),
    h('h3', {}, `stderr${encoded}`),
    withId(pre(stage.stderr), `${id}-stderr`),
  ];
}

function testsCard(job: JobDetail): HTMLElement {
  const tests = job.tests ?? [];
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, `Test cases${job.summary ? `: ${job.summary.passed} of ${job.summary.total} passed` : ''}`),
    tests.map((t) => {
      const given = job.testCases?.[t.index];
      return h(
        'details',
        { 'data-case': t.index },
        h('summary', {}, `#${t.index} `, badge(t.outcome)),
        given
          ? [
              h('h3', {}, `stdin${given.encoding === 'base64' ? ' (base64)' : ''}`),
              pre(given.stdin),
              h('h3', {}, `Expected output${given.encoding === 'base64' ? ' (base64)' : ''}`),
              pre(given.expectedOutput),
            ]
          : null,
        stageBody(t, `test-${t.index}`),
      );
    }),
  );
}
