import type { Comparison } from '#contracts';

const DEFAULT_EPSILON = 1e-6;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A line without its trailing spaces, tabs and carriage returns. */
export const trimLineEnd = (line: string) => line.replace(/[ \t\r\f\v]+$/, '');

function trimLines(text: string): string {
  return text.split(/\r?\n/).map(trimLineEnd).join('\n').replace(/\n+$/, '');
}

const tokens = (text: string) => text.split(/\s+/).filter(Boolean);

/** Whether one token of the output matches the expected one: equal, or for `float` numbers within epsilon. */
export function tokensMatch(actual: string, expected: string, comparison: Comparison): boolean {
  if (actual === expected) return true;
  if (comparison.mode !== 'float' || !NUMBER.test(actual) || !NUMBER.test(expected)) return false;
  const epsilon = comparison.epsilon ?? DEFAULT_EPSILON;
  const diff = Math.abs(Number(actual) - Number(expected));
  return diff <= epsilon || diff <= epsilon * Math.abs(Number(expected));
}

function floatsMatch(actual: string, expected: string, comparison: Comparison): boolean {
  const a = tokens(actual);
  const e = tokens(expected);
  return a.length === e.length && a.every((token, i) => tokensMatch(token, e[i], comparison));
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
      return floatsMatch(a, e, comparison);
  }
}
