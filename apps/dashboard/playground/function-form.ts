import { FUNCTION_LANGUAGES, type FunctionLanguage } from '#contracts';
import { CodeEditor } from './editor';

/** A starting function per language: it logs, reads its inputs and returns JSON. */
export const FUNCTION_EXAMPLES: Record<FunctionLanguage, { code: string; name: string }> = {
  javascript: {
    name: 'run',
    code: `exports.run = async (inputs) => {
  console.info('summing', inputs.numbers.length, 'numbers');
  const sum = inputs.numbers.reduce((a, b) => a + b, 0);
  return { greeting: \`hello \${inputs.name}\`, sum };
};
`,
  },
  typescript: {
    name: 'run',
    code: `export async function run(inputs: { name: string; numbers: number[] }) {
  console.info('summing', inputs.numbers.length, 'numbers');
  const sum = inputs.numbers.reduce((a, b) => a + b, 0);
  return { greeting: \`hello \${inputs.name}\`, sum };
}
`,
  },
  python: {
    name: 'run',
    code: `import logging

def run(inputs):
    logging.info("summing %d numbers", len(inputs["numbers"]))
    return {"greeting": f"hello {inputs['name']}", "sum": sum(inputs["numbers"])}
`,
  },
  'python-ml': {
    name: 'run',
    code: `import io
import matplotlib.pyplot as plt
import pandas as pd

def run(inputs):
    frame = pd.DataFrame({"n": inputs["numbers"]})
    frame["n"].plot(kind="bar", title=f"hello {inputs['name']}")
    png = io.BytesIO()
    plt.savefig(png, format="png")
    return {"sum": int(frame["n"].sum()), "chart": png.getvalue()}
`,
  },
};

export const EXAMPLE_INPUTS = '{\n  "name": "runq",\n  "numbers": [1, 2, 3]\n}\n';

export const isFunctionLanguage = (id: string): id is FunctionLanguage => (FUNCTION_LANGUAGES as readonly string[]).includes(id);

/** The function's name, its inputs (a JSON editor, checked as you type) and the hosts it may reach. */
export class FunctionForm {
  private readonly inputs: CodeEditor;

  constructor(
    private readonly name: HTMLInputElement,
    private readonly network: HTMLInputElement,
    editorRoot: HTMLElement,
    private readonly error: HTMLElement,
    onRun: () => void,
  ) {
    this.inputs = new CodeEditor(editorRoot, { onRun, label: 'Inputs (JSON)', onChange: () => this.check() });
    this.inputs.text = EXAMPLE_INPUTS;
    void this.inputs.setLanguage('json');
  }

  get functionName(): string {
    return this.name.value.trim();
  }

  set functionName(value: string) {
    this.name.value = value;
  }

  /** The part of the request this form fills; throws, naming the field, when the inputs are not JSON. */
  request(): { function: { name?: string; inputs?: unknown }; network?: { allow: string[] } } {
    const inputs = this.parse();
    const allow = this.network.value
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    return {
      function: { ...(this.functionName ? { name: this.functionName } : {}), ...(inputs.empty ? {} : { inputs: inputs.value }) },
      ...(allow.length ? { network: { allow } } : {}),
    };
  }

  /** Shows (and returns) what is wrong with the inputs, or clears the message. */
  check(): string | null {
    try {
      this.parse();
      this.error.textContent = '';
      return null;
    } catch (e) {
      this.error.textContent = (e as Error).message;
      return this.error.textContent;
    }
  }

  private parse(): { empty: boolean; value?: unknown } {
    const text = this.inputs.text;
    if (!text.trim()) return { empty: true };
    try {
      return { empty: false, value: JSON.parse(text) as unknown };
    } catch (e) {
      throw new Error(`inputs is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
  }
}
