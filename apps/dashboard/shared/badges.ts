import { h } from './dom';

/** Status or outcome as a coloured label (colour from a fixed class list, text as text). */
export function badge(value: string | null | undefined): HTMLElement {
  if (!value) return h('span', { class: 'badge muted' }, '–');
  const tone: Record<string, string> = {
    queued: 'info',
    running: 'info',
    completed: 'good',
    ok: 'good',
    cancelled: 'muted',
    failed: 'bad',
    internal_error: 'bad',
  };
  return h('span', { class: `badge ${tone[value] ?? 'warn'}`, 'data-value': value }, value);
}
