import type { LanguageDefinition } from '#languages';

/** What the conformance suite saw of one language: its cases, and its hello world timed alone. */
export interface LanguageReport {
  language: LanguageDefinition;
  passed: number;
  failed: number;
  skipped: number;
  version?: string;
  clientMs: number[];
  totalMs: number[];
  failure?: string;
}

const median = (values: number[]) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** The markdown table the suite prints at the end (the README's language table comes from it). */
export function conformanceTable(reports: LanguageReport[], timingRuns: number): string {
  const rows = reports.map((r) => {
    const { language } = r;
    const ms = (values: number[]) => (r.failure || !values.length ? 'failed' : `${Math.round(median(values))} ms`);
    const aliases = language.aliases.map((a) => `\`${a}\``).join(', ');
    const cases = `${r.passed}/${r.passed + r.failed}${r.skipped ? ` (${r.skipped} n/a)` : ''}`;
    const compiled = language.compile ? 'yes' : 'no';
    return `| ${language.name} | \`${language.id}\` | ${aliases} | ${r.version ?? '?'} | ${compiled} | ${cases} | ${ms(r.clientMs)} | ${ms(r.totalMs)} |`;
  });
  const passed = reports.filter((r) => r.failed === 0 && !r.failure).length;
  return [
    `Conformance: ${passed} of ${reports.length} languages pass every case; hello world p50 of ${timingRuns} sequential runs.`,
    '',
    '| Language | id | Aliases | Version | Compiled | Cases passed | Hello world, client p50 | Job `totalMs` p50 |',
    '| --- | --- | --- | --- | --- | --- | ---: | ---: |',
    ...rows,
  ].join('\n');
}
