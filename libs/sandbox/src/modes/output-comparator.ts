import type { Comparison } from '#contracts';

const DEFAULT_EPSILON = 1e-6;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function trimLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/[ \t\r\f\v]+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
}

const tokens = (text: string) => text.split(/\s+/).filter(Boolean);

function floatsMatch(actual: string, expected: string, epsilon: number): boolean {
  const a = tokens(actual);
  const e = tokens(expected);
  if (a.length !== e.length) return false;
  return a.every((token, i) => {
    if (token === e[i]) return true;
    if (!NUMBER.test(token) || !NUMBER.test(e[i])) return false;
    const x = Number(token);
    const y = Number(e[i]);
    const diff = Math.abs(x - y);
    return diff <= epsilon || diff <= epsilon * Math.abs(y);
  });
}

/** Whether a program's output matches the expected output under a comparison mode. */
export function outputMatches(actual: Buffer, expected: Buffer, comparison: Comparison = { mode: 'trailing_whitespace' }): boolean {
  if (comparison.mode === 'exact') return actual.equals(expected);
  const a = actual.toString('utf8');
  const e = expected.toString('utf8');
  switch (comparison.mode) {
    case 'trailing_whitespace':
      return trimLines(a) === trimLines(e);
    case 'case_insensitive':
      return trimLines(a).toLowerCase() === trimLines(e).toLowerCase();
    case 'whitespace':
      return tokens(a).join(' ') === tokens(e).join(' ');
    case 'float':
      return floatsMatch(a, e, comparison.epsilon ?? DEFAULT_EPSILON);
  }
}
