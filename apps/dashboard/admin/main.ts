import { h, replace } from '../shared/dom';
import { api, HttpError } from '../shared/http';
import { renderJobDetail } from './job-detail';
import { renderJobsTable } from './jobs-table';
import { renderLogin } from './login';
import { renderOverview } from './overview';

/**
 * The dashboard: a hash router over three views (#/ overview, #/jobs, #/jobs/<id>), shown once
 * GET /admin/api/session says the session cookie belongs to an admin.
 */
const root = document.getElementById('app')!;
const nav = document.getElementById('nav')!;
const banner = document.getElementById('banner')!;
let dispose: () => void = () => {};

function onError(error: unknown): void {
  if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
    showLogin();
    return;
  }
  banner.textContent = error instanceof Error ? `Could not refresh: ${error.message}` : 'Could not refresh';
  banner.hidden = false;
}

function route(): void {
  dispose();
  banner.hidden = true;
  const [path, query] = (location.hash.replace(/^#/, '') || '/').split('?');
  const params = new URLSearchParams(query ?? '');
  for (const link of nav.querySelectorAll('a[data-route]'))
    link.classList.toggle('active', isActive(path, link.getAttribute('data-route')!));
  const detail = /^\/jobs\/([0-9a-f-]{36})$/i.exec(path);
  if (detail) dispose = renderJobDetail(root, detail[1], onError);
  else if (path === '/jobs') dispose = renderJobsTable(root, params, onError);
  else dispose = renderOverview(root, onError);
}

function isActive(path: string, route: string): boolean {
  return route === '/' ? path === '/' : path === route || path.startsWith(`${route}/`);
}

function showLogin(): void {
  dispose();
  dispose = () => {};
  nav.hidden = true;
  renderLogin(root, start, returnPath() ? 'Sign in to open the queue board.' : undefined);
}

/** Where bull-board sent a signed-out browser from (/admin?next=…): only ever a path under the board. */
function returnPath(): string | null {
  const next = new URLSearchParams(location.search).get('next');
  return next && /^\/admin\/queues(\/|\?|$)/.test(next) ? next : null;
}

function start(): void {
  api('/admin/api/session')
    .then(() => {
      const back = returnPath();
      if (back) {
        location.replace(back);
        return;
      }
      nav.hidden = false;
      route();
    })
    .catch((error: unknown) => {
      if (error instanceof HttpError && (error.status === 401 || error.status === 403)) showLogin();
      else replace(root, h('p', { class: 'error' }, `The API could not be reached: ${String(error)}`));
    });
}

document.getElementById('logout')!.addEventListener('click', () => {
  void api('/admin/api/session', { method: 'DELETE' }).finally(showLogin);
});
window.addEventListener('hashchange', () => {
  if (!nav.hidden) route();
});
start();
