import type { EditorState } from '@codemirror/state';
import type { SourceFile } from '#contracts';
import { h, replace } from '../shared/dom';
import type { CodeEditor } from './editor';

interface FileTab {
  name: string;
  state: EditorState;
}

/**
 * The program's files as tabs over one editor: each keeps its own text and undo history.
 * The first tab is the entry (what runs). Add, remove, and rename by double-clicking a tab.
 */
export class FileTabs {
  private files: FileTab[] = [];
  private active = 0;
  private renaming = -1;

  constructor(
    private readonly bar: HTMLElement,
    private readonly editor: CodeEditor,
  ) {}

  /** One file with this content (a new language or example). */
  reset(name: string, content: string): void {
    this.files = [{ name, state: this.editor.newState(content) }];
    this.active = 0;
    this.renaming = -1;
    this.editor.setState(this.files[0].state);
    this.render();
  }

  get entryName(): string {
    return this.files[0]?.name ?? '';
  }

  get count(): number {
    return this.files.length;
  }

  /** The entry's text, as the editor shows it now. */
  get entryText(): string {
    this.save();
    return this.files[0]?.state.doc.toString() ?? '';
  }

  /** Every file, the entry first. */
  all(): SourceFile[] {
    this.save();
    return this.files.map((f) => ({ name: f.name, content: f.state.doc.toString() }));
  }

  /** Renames the entry (the language changed and it still had the old language's default name). */
  renameEntry(name: string): void {
    if (this.files[0] && !this.files.some((f, i) => i > 0 && f.name === name)) this.files[0].name = name;
    this.render();
  }

  add(): void {
    this.save();
    const name = this.freeName();
    this.files.push({ name, state: this.editor.newState('') });
    this.show(this.files.length - 1);
    this.renaming = this.active;
    this.render();
  }

  private freeName(): string {
    const extension = /\.[^./]+$/.exec(this.entryName)?.[0] ?? '.txt';
    for (let n = 2; ; n++) {
      const name = `file${n}${extension}`;
      if (!this.files.some((f) => f.name === name)) return name;
    }
  }

  private remove(index: number): void {
    if (this.files.length <= 1) return;
    this.save();
    this.files.splice(index, 1);
    const next = index < this.active ? this.active - 1 : Math.min(this.active, this.files.length - 1);
    this.active = -1;
    this.show(next);
    this.render();
  }

  private show(index: number): void {
    if (index === this.active) return;
    this.save();
    this.active = index;
    this.editor.setState(this.files[index].state);
  }

  private save(): void {
    const current = this.files[this.active];
    if (current) current.state = this.editor.state;
  }

  /** Why `name` cannot be the name of file `index`, or null. The server checks the rest (characters, depth). */
  private problem(name: string, index: number): string | null {
    if (!name) return 'a file needs a name';
    if (this.files.some((f, i) => i !== index && f.name === name)) return `${name} is already a file`;
    return null;
  }

  private render(): void {
    replace(
      this.bar,
      this.files.map((file, i) => (i === this.renaming ? this.renameField(file, i) : this.tab(file, i))),
      h('button', { type: 'button', class: 'secondary small-button', id: 'add-file', onclick: () => this.add() }, '+ File'),
    );
    this.bar.querySelector<HTMLInputElement>('.tab-rename')?.focus();
  }

  private tab(file: FileTab, index: number): HTMLElement {
    const selected = index === this.active;
    return h(
      'div',
      { class: `tab${selected ? ' active' : ''}`, 'data-file': file.name },
      h(
        'button',
        {
          type: 'button',
          class: 'tab-name mono',
          role: 'tab',
          'aria-selected': String(selected),
          title: index === 0 ? 'Runs first (the entry). Double-click to rename.' : 'Double-click to rename.',
          onclick: () => {
            this.show(index);
            this.render();
          },
          ondblclick: () => {
            this.show(index);
            this.renaming = index;
            this.render();
          },
        },
        index === 0 ? '▶ ' : '',
        file.name,
      ),
      this.files.length > 1
        ? h('button', { type: 'button', class: 'tab-close', 'aria-label': `Remove ${file.name}`, onclick: () => this.remove(index) }, '×')
        : null,
    );
  }

  private renameField(file: FileTab, index: number): HTMLElement {
    const input = h('input', { class: 'tab-rename mono', value: file.name, 'aria-label': 'File name', size: 16, spellcheck: 'false' });
    const error = h('span', { class: 'error small' });
    let done = false;
    const finish = (keep: boolean) => {
      if (done) return;
      const name = input.value.trim();
      const problem = keep ? this.problem(name, index) : null;
      if (problem) {
        error.textContent = problem;
        input.focus();
        return;
      }
      done = true;
      if (keep) file.name = name;
      this.renaming = -1;
      this.render();
      this.editor.focus();
    };
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== 'Escape') return;
      event.preventDefault(); // else the key reaches the editor, which has the focus by then
      finish(event.key === 'Enter');
    });
    input.addEventListener('blur', () => finish(true));
    return h('div', { class: 'tab active renaming', 'data-file': file.name }, input, error);
  }
}
