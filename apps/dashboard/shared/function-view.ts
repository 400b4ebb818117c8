import type { FunctionError, FunctionLog, JobView } from '#contracts';
import { h, pre, withId, type Child } from './dom';

/** Images a function returned (bytes become data URIs): shown inline, nothing else is ever loaded. */
const IMAGE_URI = /^data:image\/(png|jpeg|gif|webp|bmp|avif|svg\+xml);base64,[A-Za-z0-9+/]+=*$/;
const MAX_IMAGES = 12;
/** Data URIs longer than this are shortened in the JSON text (the image itself is shown below it). */
const SHORT_URI = 96;

const LEVEL_TONE: Record<string, string> = { error: 'bad', warn: 'warn', info: 'info', log: 'muted', debug: 'muted' };

/**
 * What a function job returned: its value (pretty JSON, images inline), its logs by level and
 * its error with the position in the user's code. `prefix` keeps element ids apart per page.
 */
export function functionResult(job: JobView, prefix: string): Child[] {
  const images = collectImages(job.result);
  return [
    h('h3', {}, 'Result'),
    withId(pre(job.error && job.result === null ? 'null (the function failed)' : prettyJson(job.result, true)), `${prefix}-result`),
    images.length
      ? h(
          'div',
          { class: 'images', id: `${prefix}-images` },
          images.map(([path, uri]) =>
            h('figure', {}, h('img', { src: uri, alt: `image at ${path}` }), h('figcaption', { class: 'mono' }, path)),
          ),
        )
      : null,
    job.error ? errorBlock(job.error, prefix) : null,
    h('h3', {}, `Logs${job.logsTruncated ? ' (truncated: later entries were dropped)' : ''}`),
    logList(job.logs ?? [], prefix),
  ];
}

/** The function called, the network it could reach, and (for operators) its inputs. */
export function functionCall(job: JobView & { function?: { name: string | null; inputs?: unknown } }, prefix: string): Child[] {
  const fn = job.function;
  if (!fn) return [];
  return [
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Function'),
      h('dd', { class: 'mono', id: `${prefix}-name` }, fn.name ?? '(expression form: the last expression is the result)'),
      h('dt', {}, 'Network allowed'),
      h('dd', { class: 'mono', id: `${prefix}-network` }, job.network?.allow.length ? job.network.allow.join(', ') : 'none'),
    ),
    ...('inputs' in fn ? [h('h3', {}, 'Inputs'), withId(pre(prettyJson(fn.inputs, false)), `${prefix}-inputs`)] : []),
  ];
}

function errorBlock(error: FunctionError, prefix: string): HTMLElement {
  const where = error.line !== null ? ` at line ${error.line}${error.column !== null ? `, column ${error.column}` : ''}` : '';
  return h(
    'div',
    { class: 'function-error', id: `${prefix}-error` },
    h('h3', {}, 'Error'),
    h('p', {}, h('strong', { class: 'bad-text' }, error.name), ': ', error.message, h('span', { class: 'muted' }, where)),
    error.stack ? pre(error.stack) : null,
  );
}

function logList(logs: FunctionLog[], prefix: string): HTMLElement {
  if (!logs.length) return h('p', { class: 'muted', id: `${prefix}-logs` }, 'No logs.');
  return h(
    'ol',
    { class: 'logs', id: `${prefix}-logs` },
    logs.map((log) =>
      h(
        'li',
        { 'data-level': log.level },
        h('span', { class: 'muted mono small' }, log.ts.slice(11, 23)),
        h('span', { class: `badge ${LEVEL_TONE[log.level] ?? 'muted'}` }, log.level),
        h('span', { class: 'mono log-message' }, log.message),
      ),
    ),
  );
}

/** Indented JSON; with `shorten`, long data URIs are cut (their images are shown apart). */
export function prettyJson(value: unknown, shorten: boolean): string {
  const text = JSON.stringify(
    value === undefined ? null : value,
    shorten ? (_key, v: unknown) => (typeof v === 'string' && v.length > SHORT_URI && IMAGE_URI.test(v) ? shortUri(v) : v) : undefined,
    2,
  );
  return text ?? 'null';
}

function shortUri(uri: string): string {
  const comma = uri.indexOf(',');
  return `${uri.slice(0, comma + 13)}… (${Math.floor(((uri.length - comma - 1) * 3) / 4)} bytes)`;
}

/** [path, data URI] of every image in a JSON value, depth first, at most MAX_IMAGES. */
function collectImages(value: unknown): [string, string][] {
  const found: [string, string][] = [];
  const stack: [string, unknown][] = [['result', value]];
  while (stack.length && found.length < MAX_IMAGES) {
    const [path, item] = stack.pop()!;
    if (typeof item === 'string') {
      if (IMAGE_URI.test(item)) found.push([path, item]);
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([`${path}[${i}]`, item[i]]);
    } else if (item && typeof item === 'object') {
      for (const [k, v] of Object.entries(item).reverse()) stack.push([`${path}.${k}`, v]);
    }
  }
  return found;
}
