import type { Artifact } from '#contracts';
import { h } from './dom';
import { bytes } from './format';

/** Image types a browser shows in <img> (where SVG runs no script); everything else is a download link. */
const INLINE_IMAGE = /^image\/(png|jpeg|gif|webp|bmp|avif|svg\+xml)$/;

/**
 * A job's artifacts: images inline, the other files as download links. Both are data URIs
 * of the bytes the job view carries; a link is always octet-stream, so the browser saves
 * the file rather than rendering it in the page's origin.
 */
export function artifactList(artifacts: Artifact[] | null | undefined, id: string): HTMLElement | null {
  if (!artifacts?.length) return null;
  return h(
    'div',
    { class: 'artifacts', id },
    h('h3', {}, 'Artifacts'),
    h(
      'ul',
      { class: 'artifact-list' },
      artifacts.map((a) => {
        const facts = ` ${a.mime} · ${bytes(a.size)}${a.truncated ? ' · cut at a cap' : ''}`;
        const inline = a.base64 !== undefined && INLINE_IMAGE.test(a.mime) && !a.truncated;
        const link =
          a.base64 !== undefined ? h('a', { href: `data:application/octet-stream;base64,${a.base64}`, download: a.name }, a.name) : a.name;
        return h(
          'li',
          { 'data-artifact': a.name },
          h('span', { class: 'mono' }, link),
          h('span', { class: 'muted small' }, facts),
          inline ? h('div', { class: 'images' }, h('img', { src: `data:${a.mime};base64,${a.base64}`, alt: a.name })) : null,
        );
      }),
    ),
  );
}
