import { FINAL_STATUSES, type JobStatus, type JobView, type PlaygroundExample, type StageResult } from '#contracts';
import { badge } from '../shared/badges';
import { h, pre, replace } from '../shared/dom';
import { bytes, ms } from '../shared/format';
import { api, HttpError } from '../shared/http';
import { CodeEditor } from './editor';

/**
 * Pick a language, edit, run through POST /execute with the user's own API key (kept in
 * sessionStorage for this tab only), and read stdout/stderr/outcome/timings back as text.
 */

const KEY_STORAGE = 'runq.apiKey';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const keyInput = $<HTMLInputElement>('api-key');
const languageSelect = $<HTMLSelectElement>('language');
const stdinInput = $<HTMLTextAreaElement>('stdin');
const runButton = $<HTMLButtonElement>('run');
const result = $<HTMLElement>('result');
const editor = new CodeEditor($('editor'), () => void run());
let examples: PlaygroundExample[] = [];
let lastExample = '';

keyInput.value = sessionStorage.getItem(KEY_STORAGE) ?? '';
keyInput.addEventListener('change', () => sessionStorage.setItem(KEY_STORAGE, keyInput.value.trim()));
languageSelect.addEventListener('change', () => void chooseLanguage(languageSelect.value, false));
$('load-example').addEventListener('click', () => void chooseLanguage(languageSelect.value, true));
runButton.addEventListener('click', () => void run());

async function chooseLanguage(id: string, force: boolean): Promise<void> {
  const example = examples.find((e) => e.id === id);
  // Keep the user's own code; replace only an untouched example (or when asked to).
  if (example && (force || !editor.text.trim() || editor.text === lastExample)) {
    editor.text = example.example;
    lastExample = example.example;
  }
  $('file-name').textContent = example?.fileName ?? '';
  await editor.setLanguage(id);
}

async function run(): Promise<void> {
  runButton.disabled = true;
  replace(result, h('p', { class: 'muted' }, 'Running…'));
  const apiKey = keyInput.value.trim() || null;
  try {
    const body = { language: languageSelect.value, code: editor.text, stdin: stdinInput.value };
    let { status, body: job } = await api<JobView>('/execute', { method: 'POST', body, apiKey });
    // 202: still running after the server's bounded wait; follow it until it ends.
    while (status === 202 || !FINAL_STATUSES.includes(job.status as JobStatus)) {
      await new Promise((r) => setTimeout(r, 500));
      ({ status, body: job } = await api<JobView>(`/jobs/${job.id}`, { apiKey }));
    }
    showJob(job);
  } catch (error) {
    const message = error instanceof HttpError ? error.message : String(error);
    const hint = error instanceof HttpError && error.status === 401 ? ' Paste your API key above.' : '';
    replace(result, h('p', { class: 'error', id: 'run-error' }, message, hint));
  } finally {
    runButton.disabled = false;
  }
}

function showJob(job: JobView): void {
  const stages: [string, StageResult | null][] = [
    ['Compile', job.compile],
    ['Run', job.run],
  ];
  replace(
    result,
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
    stages
      .filter(([, stage]) => stage)
      .map(([title, stage]) =>
        h(
          'div',
          { class: 'stage' },
          h(
            'h3',
            {},
            `${title}: exit ${stage!.exitCode}${stage!.signal ? ` (${stage!.signal})` : ''} · ${ms(stage!.wallMs)} · ${bytes(stage!.memoryBytes)}`,
          ),
          h('h4', {}, 'stdout'),
          withId(pre(stage!.stdout), `${title.toLowerCase()}-stdout`),
          stage!.stderr ? [h('h4', {}, 'stderr'), withId(pre(stage!.stderr), `${title.toLowerCase()}-stderr`)] : null,
        ),
      ),
    h('p', { class: 'muted small' }, 'Job ', h('span', { class: 'mono', id: 'result-id' }, job.id)),
  );
}

function withId<T extends HTMLElement>(el: T, id: string): T {
  el.id = id;
  return el;
}

async function init(): Promise<void> {
  examples = (await api<PlaygroundExample[]>('/playground/examples')).body;
  replace(
    languageSelect,
    examples.map((e) => h('option', { value: e.id }, e.name)),
  );
  languageSelect.value = examples.some((e) => e.id === 'python') ? 'python' : (examples[0]?.id ?? '');
  await chooseLanguage(languageSelect.value, true);
}

init().catch((error: unknown) => replace(result, h('p', { class: 'error' }, `The playground could not load: ${String(error)}`)));
