import type { StageResult } from '#contracts';
import { h } from './dom';

/** Where a wrong answer's output first differs from the expected output, as servers that report it write it. */
interface OutputDiff {
  line: number;
  column: number;
  expected: string | null;
  actual: string | null;
  encoding: 'utf8' | 'base64';
}

/** "Line 3, column 5: expected … got …" for a stage that reports its first difference, else null. */
export function outputDiff(stage: StageResult, id: string): HTMLElement | null {
  const diff = (stage as StageResult & { diff?: OutputDiff | null }).diff;
  if (!diff) return null;
  const side = (label: string, text: string | null) =>
    h('div', {}, h('span', { class: 'muted' }, label), text === null ? h('em', { class: 'muted' }, 'no such line') : h('code', {}, text));
  return h(
    'div',
    { class: 'output-diff', id },
    h(
      'strong',
      {},
      `First difference at line ${diff.line}, column ${diff.column}${diff.encoding === 'base64' ? ' (lines as base64)' : ''}`,
    ),
    side('expected: ', diff.expected),
    side('actual:   ', diff.actual),
  );
}
