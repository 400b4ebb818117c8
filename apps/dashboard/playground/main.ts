import { FINAL_STATUSES, type JobStatus, type JobView, type PlaygroundExample } from '#contracts';
import { h, replace } from '../shared/dom';
import { api, HttpError } from '../shared/http';
import { CodeEditor } from './editor';
import { FileTabs } from './files';
import { FUNCTION_EXAMPLES, FunctionForm, isFunctionLanguage } from './function-form';
import { showJob } from './result';
import { SettingsForm, type LanguageInfo } from './settings';
import { TestCasesForm, type CaseInput } from './test-cases';

/**
 * Pick a language, edit one or more files, give stdin, arguments, limits, compile options and
 * test cases (or, in function mode, a function's JSON inputs), run through POST /execute with
 * the user's own API key (kept in sessionStorage for this tab only, sent only to this server),
 * and read the outcome back as text.
 */

type Mode = 'program' | 'function';
const KEY_STORAGE = 'runq.apiKey';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const keyInput = $<HTMLInputElement>('api-key');
const languageSelect = $<HTMLSelectElement>('language');
const modeSelect = $<HTMLSelectElement>('mode');
const stdinInput = $<HTMLTextAreaElement>('stdin');
const argsInput = $<HTMLTextAreaElement>('args');
const artifactsInput = $<HTMLTextAreaElement>('artifacts');
const runButton = $<HTMLButtonElement>('run');
const result = $<HTMLElement>('result');
const editor = new CodeEditor($('editor'), { onRun: () => void run(), label: 'Code' });
const files = new FileTabs($('file-tabs'), editor);
const fn = new FunctionForm($('function-name'), $('network-allow'), $('inputs-editor'), $('inputs-error'), () => void run());
const settings = new SettingsForm($('limits'), $('compile-options'));
const testCases = new TestCasesForm($('tests'), (n) => ($('tests-count').textContent = n ? `(${n})` : ''));
let examples: PlaygroundExample[] = [];
let languages: LanguageInfo[] | null = null;
/** The example last put into the editor: replaced freely until the user edits it. */
let example = '';
let isAdmin = false;

keyInput.value = sessionStorage.getItem(KEY_STORAGE) ?? '';
keyInput.addEventListener('change', () => {
  sessionStorage.setItem(KEY_STORAGE, keyInput.value.trim());
  void loadKeyInfo();
});
languageSelect.addEventListener('change', () => void chooseLanguage(languageSelect.value, false));
modeSelect.addEventListener('change', () => void chooseLanguage(languageSelect.value, false));
$('load-example').addEventListener('click', () => void chooseLanguage(languageSelect.value, true));
runButton.addEventListener('click', () => void run());

const mode = (): Mode => (modeSelect.value === 'function' ? 'function' : 'program');
const apiKey = () => keyInput.value.trim() || null;

function exampleOf(id: string): { fileName: string; code: string } | null {
  const program = examples.find((e) => e.id === id);
  if (!program) return null;
  if (mode() === 'function' && isFunctionLanguage(id)) return { fileName: program.fileName, code: FUNCTION_EXAMPLES[id].code };
  return { fileName: program.fileName, code: program.example };
}

async function chooseLanguage(id: string, force: boolean): Promise<void> {
  const canCall = isFunctionLanguage(id);
  modeSelect.querySelector<HTMLOptionElement>('option[value="function"]')!.disabled = !canCall;
  if (!canCall) modeSelect.value = 'program';
  $('function-panel').hidden = mode() !== 'function';
  $('tests-panel').hidden = mode() === 'function'; // function mode cannot be combined with test cases
  const chosen = exampleOf(id);
  // Keep the user's own code; replace only an untouched example (or when asked to).
  if (chosen && (force || (files.count === 1 && (!files.entryText.trim() || files.entryText === example)))) {
    files.reset(chosen.fileName, chosen.code);
    example = chosen.code;
    if (mode() === 'function' && isFunctionLanguage(id)) fn.functionName = FUNCTION_EXAMPLES[id].name;
  } else if (chosen && examples.some((e) => e.fileName === files.entryName)) {
    files.renameEntry(chosen.fileName); // still another language's default name
  }
  settings.show(languages?.find((l) => l.id === id) ?? null);
  await editor.setLanguage(id);
}

/** With a key (or a dashboard session): the languages' defaults and compile options, and whether the caller is an admin. */
async function loadKeyInfo(): Promise<void> {
  const key = apiKey();
  const [list, session] = await Promise.allSettled([
    api<LanguageInfo[]>('/languages', { apiKey: key }),
    api<{ role: string }>('/admin/api/session', { apiKey: key }),
  ]);
  languages = list.status === 'fulfilled' ? list.value.body : null;
  isAdmin = session.status === 'fulfilled' && session.value.body.role === 'admin';
  $('key-role').textContent = !languages ? (key ? 'key not accepted' : '') : isAdmin ? 'admin: jobs link to the dashboard' : 'user key';
  settings.show(languages?.find((l) => l.id === languageSelect.value) ?? null);
}

function request(): Record<string, unknown> {
  const language = languageSelect.value;
  const all = files.all();
  const defaultName = examples.find((e) => e.id === language)?.fileName;
  const args = argsInput.value.split('\n').map((line) => line.replace(/\r$/, ''));
  while (args.length && args[args.length - 1] === '') args.pop();
  const body: Record<string, unknown> = {
    language,
    ...(all.length === 1 && all[0].name === defaultName ? { code: all[0].content } : { files: all }),
    ...(stdinInput.value ? { stdin: stdinInput.value } : {}),
    ...(args.length ? { args } : {}),
    ...(settings.compileOptions().length ? { compileOptions: settings.compileOptions() } : {}),
  };
  const limits = settings.limits();
  if (limits) body.limits = limits;
  const artifacts = artifactsInput.value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (artifacts.length) body.artifacts = artifacts;
  if (mode() === 'function') return { ...body, ...fn.request() };
  const cases = testCases.cases();
  if (cases.length) Object.assign(body, { tests: cases, comparison: { mode: testCases.mode() } });
  return body;
}

async function run(): Promise<void> {
  if (runButton.disabled) return;
  let body: Record<string, unknown>;
  try {
    body = request();
  } catch (error) {
    replace(result, h('p', { class: 'error', id: 'run-error' }, (error as Error).message));
    return;
  }
  runButton.disabled = true;
  replace(result, h('p', { class: 'muted' }, 'Running…'));
  const key = apiKey();
  try {
    let { status, body: job } = await api<JobView>('/execute', { method: 'POST', body, apiKey: key });
    // 202: still running after the server's bounded wait; follow it until it ends.
    while (status === 202 || !FINAL_STATUSES.includes(job.status as JobStatus)) {
      await new Promise((r) => setTimeout(r, 500));
      ({ status, body: job } = await api<JobView>(`/jobs/${job.id}`, { apiKey: key }));
    }
    showJob(result, job, {
      dashboardLink: isAdmin,
      expected: ((body.tests as CaseInput[] | undefined) ?? []).map((c) => c.expectedOutput),
    });
  } catch (error) {
    const message = error instanceof HttpError ? error.message : String(error);
    const hint = error instanceof HttpError && error.status === 401 ? ' Paste your API key above.' : '';
    replace(result, h('p', { class: 'error', id: 'run-error' }, message, hint));
  } finally {
    runButton.disabled = false;
  }
}

async function init(): Promise<void> {
  examples = (await api<PlaygroundExample[]>('/playground/examples')).body;
  replace(
    languageSelect,
    examples.map((e) => h('option', { value: e.id }, e.name)),
  );
  languageSelect.value = examples.some((e) => e.id === 'python') ? 'python' : (examples[0]?.id ?? '');
  await chooseLanguage(languageSelect.value, true);
  await loadKeyInfo();
}

init().catch((error: unknown) => replace(result, h('p', { class: 'error' }, `The playground could not load: ${String(error)}`)));
