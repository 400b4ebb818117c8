import { JOB_STATUSES, OUTCOMES, type AdminKeyView, type JobSummary, type JobSummaryPage } from '#contracts';
import { badge } from '../shared/badges';
import { h, replace } from '../shared/dom';
import { dateTime, ms, shortId } from '../shared/format';
import { api } from '../shared/http';
import { poll } from '../shared/poll';

const REFRESH_MS = 2000;
const PAGE_SIZE = 25;
const FILTERS = ['status', 'outcome', 'language', 'apiKeyId', 'from', 'to', 'id'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** Jobs, newest first, filtered and paginated; the filters live in the URL (#/jobs?status=…). */
export function renderJobsTable(root: HTMLElement, query: URLSearchParams, onError: (e: unknown) => void): () => void {
  const filters: Filters = {};
  for (const name of FILTERS) if (query.get(name)) filters[name] = query.get(name)!;
  const cursors: (string | null)[] = [null]; // cursors[i] opens page i
  let page = 0;

  const body = h('tbody', {});
  const summary = h('span', { class: 'muted', id: 'jobs-summary' });
  const prev = h('button', { type: 'button', class: 'secondary', id: 'page-prev' }, '← Newer');
  const next = h('button', { type: 'button', class: 'secondary', id: 'page-next' }, 'Older →');
  const form = filterForm(filters);
  replace(
    root,
    h(
      'section',
      { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', {}, 'Jobs'), summary),
      form,
      h(
        'table',
        { class: 'table', id: 'jobs-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Job', 'Status', 'Outcome', 'Language', 'API key', 'Created', 'Queue', 'Total', 'Attempts', 'Worker'].map((t) =>
              h('th', {}, t),
            ),
          ),
        ),
        body,
      ),
      h('div', { class: 'pager' }, prev, next),
    ),
  );

  const load = async () => {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    for (const [name, value] of Object.entries(filters)) {
      if (!value) continue;
      params.set(name, name === 'from' || name === 'to' ? new Date(value).toISOString() : value);
    }
    const cursor = cursors[page];
    if (cursor) params.set('cursor', cursor);
    try {
      const { body: result } = await api<JobSummaryPage>(`/admin/api/jobs?${params}`);
      cursors[page + 1] = result.nextCursor;
      renderRows(body, result.items);
      const first = page * PAGE_SIZE + (result.items.length ? 1 : 0);
      summary.textContent = `${first}–${page * PAGE_SIZE + result.items.length} of ${result.total}`;
      prev.disabled = page === 0;
      next.disabled = !result.nextCursor;
    } catch (e) {
      onError(e);
    }
  };
  let stop = poll(load, REFRESH_MS);
  const restart = () => {
    stop();
    stop = poll(load, REFRESH_MS);
  };
  prev.addEventListener('click', () => {
    page = Math.max(0, page - 1);
    restart();
  });
  next.addEventListener('click', () => {
    if (!cursors[page + 1]) return;
    page += 1;
    restart();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = String(data.get(name) ?? '').trim();
      if (value) params.set(name, value);
    }
    location.hash = `#/jobs${params.size ? `?${params}` : ''}`;
  });
  fillOptions(form, onError);
  return () => stop();
}

function filterForm(filters: Filters): HTMLFormElement {
  const select = (name: string, label: string, values: readonly string[]) =>
    h(
      'label',
      {},
      label,
      h(
        'select',
        { name, id: `filter-${name}` },
        h('option', { value: '' }, 'any'),
        values.map((v) => h('option', { value: v, selected: filters[name as keyof Filters] === v }, v)),
      ),
    );
  return h(
    'form',
    { class: 'filters', id: 'jobs-filters' },
    h(
      'label',
      {},
      'Job id',
      h('input', { name: 'id', id: 'filter-id', placeholder: 'id or first characters', value: filters.id ?? '', size: 20 }),
    ),
    select('status', 'Status', JOB_STATUSES),
    select('outcome', 'Outcome', OUTCOMES),
    select('language', 'Language', filters.language ? [filters.language] : []),
    select('apiKeyId', 'API key', []),
    h('label', {}, 'From', h('input', { type: 'datetime-local', name: 'from', id: 'filter-from', value: filters.from ?? '' })),
    h('label', {}, 'To', h('input', { type: 'datetime-local', name: 'to', id: 'filter-to', value: filters.to ?? '' })),
    h('button', { type: 'submit' }, 'Apply'),
    h('a', { href: '#/jobs', class: 'button secondary' }, 'Clear'),
  );
}

/** Languages and keys for the selects, loaded once per view. */
function fillOptions(form: HTMLFormElement, onError: (e: unknown) => void): void {
  const language = form.querySelector<HTMLSelectElement>('#filter-language')!;
  const key = form.querySelector<HTMLSelectElement>('#filter-apiKeyId')!;
  const chosenLanguage = language.value;
  const chosenKey = new URLSearchParams(location.hash.split('?')[1] ?? '').get('apiKeyId') ?? '';
  api<{ id: string; name: string }[]>('/languages')
    .then(({ body }) => {
      replace(
        language,
        h('option', { value: '' }, 'any'),
        body.map((l) => h('option', { value: l.id, selected: l.id === chosenLanguage }, l.id)),
      );
    })
    .catch(onError);
  api<AdminKeyView[]>('/admin/api/keys')
    .then(({ body }) => {
      replace(
        key,
        h('option', { value: '' }, 'any'),
        body.map((k) =>
          h(
            'option',
            { value: k.id, selected: k.id === chosenKey },
            `${k.name} (${k.prefix}…, ${k.role}${k.revokedAt ? ', revoked' : ''})`,
          ),
        ),
      );
    })
    .catch(onError);
}

function renderRows(body: HTMLElement, items: JobSummary[]): void {
  if (!items.length) {
    replace(body, h('tr', {}, h('td', { colspan: 10, class: 'empty' }, 'No job matches these filters.')));
    return;
  }
  replace(
    body,
    items.map((job) =>
      h(
        'tr',
        { 'data-job': job.id },
        h('td', { class: 'mono' }, h('a', { href: `#/jobs/${job.id}`, title: job.id }, shortId(job.id))),
        h('td', {}, badge(job.status)),
        h('td', {}, badge(job.outcome)),
        h('td', {}, job.version ? `${job.language} ${job.version}` : job.language),
        h('td', {}, job.apiKey ? job.apiKey.name : '–'),
        h('td', {}, dateTime(job.createdAt)),
        h('td', {}, ms(job.queueMs)),
        h('td', {}, ms(job.totalMs)),
        h('td', {}, job.attempts),
        h('td', { class: 'mono small' }, job.workerId ?? '–'),
      ),
    ),
  );
}
