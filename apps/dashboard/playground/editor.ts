import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  StreamLanguage,
  syntaxHighlighting,
  type LanguageSupport,
} from '@codemirror/language';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';

/** Syntax support per runq language id, loaded on first use (esbuild splits each into its own chunk). */
const LANGUAGES: Record<string, () => Promise<LanguageSupport | Extension>> = {
  python: async () => (await import('@codemirror/lang-python')).python(),
  javascript: async () => (await import('@codemirror/lang-javascript')).javascript(),
  typescript: async () => (await import('@codemirror/lang-javascript')).javascript({ typescript: true }),
  c: async () => (await import('@codemirror/lang-cpp')).cpp(),
  cpp: async () => (await import('@codemirror/lang-cpp')).cpp(),
  java: async () => (await import('@codemirror/lang-java')).java(),
  rust: async () => (await import('@codemirror/lang-rust')).rust(),
  go: async () => (await import('@codemirror/lang-go')).go(),
  php: async () => (await import('@codemirror/lang-php')).php(),
  sql: async () => (await import('@codemirror/lang-sql')).sql(),
  kotlin: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/clike')).kotlin),
  scala: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/clike')).scala),
  csharp: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/clike')).csharp),
  ruby: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/ruby')).ruby),
  bash: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/shell')).shell),
  perl: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/perl')).perl),
  lua: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/lua')).lua),
  r: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/r')).r),
  erlang: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/erlang')).erlang),
  haskell: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/haskell')).haskell),
  ocaml: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/mllike')).oCaml),
  fortran: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/fortran')).fortran),
  pascal: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/pascal')).pascal),
  racket: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/scheme')).scheme),
  // No Elixir mode exists for CodeMirror 6; Ruby's is close enough for highlighting.
  elixir: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/ruby')).ruby),
  // The playground's function inputs.
  json: async () => StreamLanguage.define((await import('@codemirror/legacy-modes/mode/javascript')).json),
};

/** A CodeMirror 6 editor whose highlighting follows the chosen language; one document (state) per file. */
export class CodeEditor {
  private readonly view: EditorView;
  private readonly language = new Compartment();
  private support: LanguageSupport | Extension = [];
  private wanted = '';

  constructor(
    parent: HTMLElement,
    private readonly options: { onRun: () => void; label: string; onChange?: () => void },
  ) {
    this.view = new EditorView({ parent, state: this.newState('') });
  }

  /** A document of its own (text, undo history, selection), shown with setState. */
  newState(doc: string): EditorState {
    const { onRun, onChange, label } = this.options;
    return EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        keymap.of([{ key: 'Mod-Enter', run: () => (onRun(), true) }, indentWithTab, ...defaultKeymap, ...historyKeymap]),
        this.language.of(this.support),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        onChange ? EditorView.updateListener.of((update) => update.docChanged && onChange()) : [],
      ],
    });
  }

  get state(): EditorState {
    return this.view.state;
  }

  /** Shows another document, highlighted as the current language. */
  setState(state: EditorState): void {
    this.view.setState(state);
    this.view.dispatch({ effects: this.language.reconfigure(this.support) });
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  set text(value: string) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: value } });
  }

  focus(): void {
    this.view.focus();
  }

  async setLanguage(id: string): Promise<void> {
    this.wanted = id;
    const load = LANGUAGES[id];
    const support = load ? await load().catch(() => []) : [];
    if (this.wanted !== id) return;
    this.support = support;
    this.view.dispatch({ effects: this.language.reconfigure(support) });
  }
}
