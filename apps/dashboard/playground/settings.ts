import type { JobLimits } from '#contracts';
import { h, replace } from '../shared/dom';

/** What GET /languages says of a language (the part the playground uses). */
export interface LanguageInfo {
  id: string;
  limits: JobLimits;
  compileOptions: string[];
  compiled: boolean;
  available: boolean;
}

interface LimitField {
  label: string;
  unit: string;
  min: number;
  step: number;
}

/** Every limit of JobLimits, and the CPU-time limit on servers that have it. */
type LimitName = keyof JobLimits | 'cpuTimeMs';
type Limits = Partial<Record<LimitName, number>>;

/**
 * The limits form, one entry per limit: a limit added to JobLimits fails the type check until
 * it is listed here, and then appears in the form and the request by itself. Once the
 * server's limits are known (GET /languages), only the ones it reports are shown.
 */
const LIMIT_FIELDS: Record<LimitName, LimitField> = {
  timeoutMs: { label: 'Time', unit: 'ms', min: 100, step: 100 },
  cpuTimeMs: { label: 'CPU time', unit: 'ms', min: 100, step: 100 },
  memoryMb: { label: 'Memory', unit: 'MB', min: 16, step: 16 },
  cpus: { label: 'CPUs', unit: '', min: 0.05, step: 0.05 },
  processes: { label: 'Processes', unit: '', min: 4, step: 1 },
  outputBytes: { label: 'Output', unit: 'bytes', min: 1, step: 1024 },
};

/** Limits (empty: the language's default, shown as the placeholder) and the language's allowed compiler flags. */
export class SettingsForm {
  private readonly inputs = new Map<LimitName, HTMLInputElement>();

  constructor(
    limitsRoot: HTMLElement,
    private readonly optionsRoot: HTMLElement,
  ) {
    replace(
      limitsRoot,
      (Object.entries(LIMIT_FIELDS) as [LimitName, LimitField][]).map(([key, field]) => {
        const input = h('input', { type: 'number', id: `limit-${key}`, min: field.min, step: field.step, size: 9 });
        this.inputs.set(key, input);
        return h('label', { 'data-limit': key }, `${field.label}${field.unit ? ` (${field.unit})` : ''}`, input);
      }),
    );
    this.show(null);
  }

  /** Shows the defaults and compile options of `language`; null while they are unknown (no key yet). */
  show(language: LanguageInfo | null): void {
    const defaults: Limits | null = language?.limits ?? null;
    for (const [key, input] of this.inputs) {
      const known = defaults?.[key];
      input.placeholder = known === undefined ? 'default' : String(known);
      // A limit this server does not have is hidden (and left out of the request).
      input.parentElement!.hidden = Boolean(defaults) && known === undefined;
    }
    const checked = new Set(this.compileOptions());
    if (!language) {
      replace(this.optionsRoot, h('p', { class: 'muted small' }, 'Enter an API key to see the defaults and the compile options.'));
      return;
    }
    if (!language.compileOptions.length) {
      replace(this.optionsRoot, h('p', { class: 'muted small' }, `${language.id} takes no compile options.`));
      return;
    }
    replace(
      this.optionsRoot,
      h('h3', {}, 'Compile options'),
      h(
        'div',
        { class: 'checks' },
        language.compileOptions.map((option) =>
          h('label', { class: 'mono' }, h('input', { type: 'checkbox', value: option, checked: checked.has(option) }), option),
        ),
      ),
    );
  }

  /** The limits the user set; the rest take the server's defaults. */
  limits(): Limits | undefined {
    const limits: Limits = {};
    for (const [key, input] of this.inputs) {
      if (input.parentElement!.hidden) continue;
      if (input.validity.badInput) throw new Error(`limits.${key} must be a number`);
      if (input.value.trim() !== '') limits[key] = Number(input.value);
    }
    return Object.keys(limits).length ? limits : undefined;
  }

  /** Checked flags, in the order the language lists them. */
  compileOptions(): string[] {
    return [...this.optionsRoot.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((i) => i.value);
  }
}
