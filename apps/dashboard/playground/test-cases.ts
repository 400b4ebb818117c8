import { COMPARISON_MODES, type ComparisonMode } from '#contracts';
import { h, replace } from '../shared/dom';

export interface CaseInput {
  stdin: string;
  expectedOutput: string;
}

/** Test cases: each an input and the output expected from it, compared as the chosen mode says. */
export class TestCasesForm {
  private readonly list = h('div', { class: 'cases' });
  private readonly comparison = h(
    'select',
    { id: 'comparison' },
    COMPARISON_MODES.map((mode) => h('option', { value: mode, selected: mode === 'trailing_whitespace' }, mode.replace(/_/g, ' '))),
  );

  constructor(
    root: HTMLElement,
    private readonly onCount: (count: number) => void,
  ) {
    replace(
      root,
      h(
        'p',
        { class: 'muted small' },
        'With test cases the program is compiled once and run once per case, each with its own stdin; the outcome is ',
        h('code', {}, 'wrong_answer'),
        ' if any output differs.',
      ),
      this.list,
      h(
        'div',
        { class: 'fields' },
        h('button', { type: 'button', class: 'secondary', id: 'add-case', onclick: () => this.add() }, '+ Test case'),
        h('label', {}, 'Compare output', this.comparison),
      ),
    );
    onCount(0);
  }

  add(value: CaseInput = { stdin: '', expectedOutput: '' }): void {
    const stdin = h('textarea', { class: 'case-stdin', rows: 2, spellcheck: 'false', 'aria-label': 'stdin' });
    const expected = h('textarea', { class: 'case-expected', rows: 2, spellcheck: 'false', 'aria-label': 'Expected output' });
    stdin.value = value.stdin;
    expected.value = value.expectedOutput;
    const row = h(
      'div',
      { class: 'case' },
      h('span', { class: 'case-number muted' }),
      h('label', {}, 'stdin', stdin),
      h('label', {}, 'Expected output', expected),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary case-remove',
          onclick: () => {
            row.remove();
            this.renumber();
          },
        },
        'Remove',
      ),
    );
    this.list.append(row);
    this.renumber();
    stdin.focus();
  }

  cases(): CaseInput[] {
    return [...this.list.querySelectorAll('.case')].map((row) => ({
      stdin: row.querySelector<HTMLTextAreaElement>('.case-stdin')!.value,
      expectedOutput: row.querySelector<HTMLTextAreaElement>('.case-expected')!.value,
    }));
  }

  mode(): ComparisonMode {
    return this.comparison.value as ComparisonMode;
  }

  private renumber(): void {
    const rows = [...this.list.querySelectorAll<HTMLElement>('.case')];
    rows.forEach((row, i) => {
      row.dataset.case = String(i);
      row.querySelector('.case-number')!.textContent = `#${i}`;
    });
    this.onCount(rows.length);
  }
}
