import type { FleetOverview, JobStats, WorkerView } from '#contracts';
import { h, replace } from '../shared/dom';
import { ago, dateTime, ms } from '../shared/format';
import { api } from '../shared/http';
import { poll } from '../shared/poll';
import { Charts } from './charts';

const REFRESH_MS = 2000;

/** The platform at a glance: queue counts, live workers, throughput and latency. Refreshes every 2 s. */
export function renderOverview(root: HTMLElement, onError: (e: unknown) => void): () => void {
  const queue = h('div', { class: 'stat-grid', id: 'queue-stats' });
  const workers = h('div', { id: 'workers' });
  const updated = h('span', { class: 'muted', id: 'updated-at' });
  const charts = new Charts();
  replace(
    root,
    h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', {}, 'Queue'), updated), queue),
    h('section', { class: 'card' }, h('h2', {}, 'Workers'), workers),
    charts.el,
  );
  const stopOverview = poll(async () => {
    try {
      const { body } = await api<FleetOverview>('/admin/api/overview');
      renderQueue(queue, body);
      renderWorkers(workers, body.workers, body.imageLanguages);
      updated.textContent = `updated ${new Date(body.at).toLocaleTimeString()}`;
    } catch (e) {
      onError(e);
    }
  }, REFRESH_MS);
  const stopStats = poll(async () => {
    try {
      charts.update((await api<JobStats>('/admin/api/stats?minutes=60')).body);
    } catch (e) {
      onError(e);
    }
  }, REFRESH_MS);
  return () => {
    stopOverview();
    stopStats();
  };
}

function stat(label: string, value: string | number, id: string, tone = ''): HTMLElement {
  return h(
    'div',
    { class: `stat ${tone}`, id },
    h('div', { class: 'stat-value' }, String(value)),
    h('div', { class: 'stat-label' }, label),
  );
}

function renderQueue(el: HTMLElement, o: FleetOverview): void {
  const q = o.queue;
  const waiting = q.waiting + q.prioritized;
  const busy = o.workers.reduce((sum, w) => sum + w.running, 0);
  replace(
    el,
    stat('waiting', waiting, 'stat-waiting', waiting > o.capacity && o.capacity > 0 ? 'warn' : ''),
    stat('active', q.active, 'stat-active'),
    stat('delayed (retries)', q.delayed, 'stat-delayed'),
    stat('failed (last 24 h)', q.failed, 'stat-failed', q.failed ? 'bad' : ''),
    stat('oldest waiting', waiting ? ms(q.oldestWaitingAgeMs) : '–', 'stat-oldest', q.oldestWaitingAgeMs > 10_000 ? 'warn' : ''),
    stat('slots in use', `${busy} / ${o.capacity}`, 'stat-capacity', o.capacity === 0 ? 'bad' : ''),
  );
}

function renderWorkers(el: HTMLElement, workers: WorkerView[], imageLanguages: Record<string, string[]>): void {
  if (!workers.length) {
    replace(el, h('p', { class: 'empty bad-text' }, 'No live worker: jobs wait until one starts (npm start, or npm run workers).'));
    return;
  }
  replace(
    el,
    h(
      'table',
      { class: 'table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            'Worker',
            'Host',
            'Concurrency',
            'Running',
            'Runtime',
            'Docker',
            'Warm containers per language',
            'Pool hits/misses',
            'Sandbox hosts',
            'Last heartbeat',
          ].map((t) => h('th', {}, t)),
        ),
      ),
      h(
        'tbody',
        {},
        workers.map((w) =>
          h(
            'tr',
            { 'data-worker': w.id },
            h('td', { class: 'mono' }, w.id),
            h('td', {}, `${w.host} (pid ${w.pid})`),
            h('td', {}, w.concurrency),
            h('td', {}, w.running),
            h('td', {}, h('span', { class: `badge ${w.runtime === 'runsc' ? 'good' : 'info'}` }, w.runtime)),
            h(
              'td',
              {},
              w.dockerOk ? h('span', { class: 'badge good' }, 'ok') : h('span', { class: 'badge bad', title: w.dockerError ?? '' }, 'down'),
            ),
            h('td', { class: 'pool' }, poolText(w.pool, imageLanguages)),
            h('td', {}, `${w.poolHits} / ${w.poolMisses}`),
            h('td', { class: 'isolates' }, isolatesText(w.isolates)),
            h('td', { title: dateTime(w.lastHeartbeat) }, ago(w.heartbeatAgeMs)),
          ),
        ),
      ),
    ),
  );
}

/** Isolate mode's hosts: up, jobs in them now, jobs served, hosts replaced. */
function isolatesText(isolates: WorkerView['isolates']): string {
  if (!isolates) return 'off';
  return `${isolates.hosts} up, ${isolates.running} running, ${isolates.served} served, ${isolates.replaced} replaced`;
}

/** Warm containers are per image; an image serves one or more languages (gcc: c, cpp, fortran). */
function poolText(pool: Record<string, number>, imageLanguages: Record<string, string[]>): string {
  const entries = Object.entries(pool).filter(([, n]) => n > 0);
  if (!entries.length) return 'none';
  return entries.map(([image, n]) => `${(imageLanguages[image] ?? [image]).join('/')}: ${n}`).join(', ');
}
