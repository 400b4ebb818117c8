import { h, replace } from '../shared/dom';
import { api, HttpError } from '../shared/http';

/** The login form: an admin key in, a session cookie (HttpOnly, set by the server) out. */
export function renderLogin(root: HTMLElement, onLoggedIn: () => void, note?: string): void {
  const error = h('p', { class: 'error', role: 'alert' });
  const key = h('input', { type: 'password', name: 'key', id: 'admin-key', autocomplete: 'off', required: true, placeholder: 'rq_…' });
  const form = h(
    'form',
    { class: 'card login', id: 'login-form' },
    h('h2', {}, 'Sign in'),
    note ? h('p', { class: 'notice', id: 'login-note' }, note) : null,
    h('p', { class: 'muted' }, 'Paste an admin API key. It is exchanged for a session cookie; the key itself is not kept in the browser.'),
    h('label', { for: 'admin-key' }, 'Admin API key'),
    key,
    h('button', { type: 'submit' }, 'Sign in'),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    api('/admin/api/session', { method: 'POST', body: { key: key.value } })
      .then(() => onLoggedIn())
      .catch((e: unknown) => {
        error.textContent = e instanceof HttpError ? e.message : 'the server could not be reached';
      });
  });
  replace(root, form);
  key.focus();
}
