import { isUtf8 } from 'node:buffer';
import type { Comparison, OutputDiff } from '#contracts';
import { tokensMatch, trimLineEnd } from './output-comparator';

/** Characters (bytes for binary output) shown of each line, around the difference. */
const SHOWN = 200;
/** Where in the window the difference sits when the line is cut before it. */
const LEAD = 100;
const ELLIPSIS = '…';

/** Where the first difference is: the line index on each side (null where that output has ended) and columns (code units). */
interface Position {
  actual: number | null;
  expected: number | null;
  /** The line reported: the actual output's, or where it ended. */
  line: number;
  actualColumn: number;
  expectedColumn: number;
}

const atLine = (i: number, a: unknown[], e: unknown[], column: number): Position => ({
  actual: i < a.length ? i : null,
  expected: i < e.length ? i : null,
  line: i,
  actualColumn: column,
  expectedColumn: column,
});

/** Text that Postgres can store as JSON text: valid UTF-8 without NUL. */
const isText = (bytes: Buffer) => isUtf8(bytes) && !bytes.includes(0);

function byteLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, at));
    start = at + 1;
  }
  lines.push(bytes.subarray(start));
  return lines;
}

const commonPrefix = (a: string, b: string): number => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/** Line by line, as `exact`, `trailing_whitespace` and `case_insensitive` compare. */
function lineDifference(actual: string[], expected: string[], mode: Comparison['mode']): Position | null {
  const normal = (line: string) => {
    if (mode === 'exact') return line;
    const trimmed = trimLineEnd(line);
    return mode === 'case_insensitive' ? trimmed.toLowerCase() : trimmed;
  };
  const a = actual.map(normal);
  const e = expected.map(normal);
  if (mode !== 'exact') {
    // Trailing blank lines do not count in these modes.
    while (a.length && a[a.length - 1] === '') a.pop();
    while (e.length && e[e.length - 1] === '') e.pop();
  }
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (i >= a.length || i >= e.length) return atLine(i, a, e, 0);
    if (a[i] !== e[i]) return atLine(i, a, e, commonPrefix(a[i], e[i]));
  }
  return null;
}

interface Token {
  text: string;
  line: number;
  column: number;
}

function tokensOf(lines: string[]): Token[] {
  const tokens: Token[] = [];
  lines.forEach((line, index) => {
    for (const match of line.matchAll(/\S+/g)) tokens.push({ text: match[0], line: index, column: match.index });
  });
  return tokens;
}

/** Token by token, as `whitespace` and `float` compare; an output out of tokens has ended one line past its last. */
function tokenDifference(actual: string[], expected: string[], comparison: Comparison): Position | null {
  const a = tokensOf(actual);
  const e = tokensOf(expected);
  const shorter = Math.min(a.length, e.length);
  let k = 0;
  while (k < shorter && tokensMatch(a[k].text, e[k].text, comparison)) k++;
  if (k === shorter && a.length === e.length) return null;
  return {
    actual: a[k]?.line ?? null,
    expected: e[k]?.line ?? null,
    line: a[k]?.line ?? (a.length ? a[a.length - 1].line + 1 : 0),
    actualColumn: a[k]?.column ?? 0,
    expectedColumn: e[k]?.column ?? 0,
  };
}

/** A window of `line` around code-unit `at`, never splitting a surrogate pair; … marks a cut. */
function excerpt(line: string, at: number): string {
  const chars = Array.from(line);
  if (chars.length <= SHOWN) return line;
  const column = Array.from(line.slice(0, at)).length;
  const start = column < SHOWN - LEAD / 2 ? 0 : column - LEAD;
  const end = Math.min(start + SHOWN, chars.length);
  return (start > 0 ? ELLIPSIS : '') + chars.slice(start, end).join('') + (end < chars.length ? ELLIPSIS : '');
}

function bytesExcerpt(line: Buffer, at: number): string {
  const start = at < SHOWN - LEAD / 2 ? 0 : at - LEAD;
  return line.subarray(start, start + SHOWN).toString('base64');
}

/**
 * Where `actual` first differs from `expected` under a comparison mode, or null when they
 * match (exactly when outputMatches says so). Line and column are positions in the actual
 * output; text that is not UTF-8 (or holds NUL) is given as base64 of the lines' bytes.
 */
export function firstDifference(
  actual: Buffer,
  expected: Buffer,
  comparison: Comparison = { mode: 'trailing_whitespace' },
): OutputDiff | null {
  const text = isText(actual) && isText(expected);
  const a = actual.toString('utf8').split('\n');
  const e = expected.toString('utf8').split('\n');
  const tokens = comparison.mode === 'whitespace' || comparison.mode === 'float';
  const found =
    comparison.mode === 'exact' && !text
      ? binaryDifference(byteLines(actual), byteLines(expected))
      : tokens
        ? tokenDifference(a, e, comparison)
        : lineDifference(a, e, comparison.mode);
  if (!found) return null;
  if (!text) {
    const aBytes = found.actual === null ? null : byteLines(actual)[found.actual];
    const eBytes = found.expected === null ? null : byteLines(expected)[found.expected];
    let column = 0;
    if (aBytes && eBytes) while (column < aBytes.length && column < eBytes.length && aBytes[column] === eBytes[column]) column++;
    return {
      line: found.line + 1,
      column: column + 1,
      expected: eBytes ? bytesExcerpt(eBytes, column) : null,
      actual: aBytes ? bytesExcerpt(aBytes, column) : null,
      encoding: 'base64',
    };
  }
  const actualText = found.actual === null ? null : a[found.actual];
  const expectedText = found.expected === null ? null : e[found.expected];
  return {
    line: found.line + 1,
    column: Array.from((actualText ?? '').slice(0, found.actualColumn)).length + 1,
    expected: expectedText === null ? null : excerpt(expectedText, found.expectedColumn),
    actual: actualText === null ? null : excerpt(actualText, found.actualColumn),
    encoding: 'utf8',
  };
}

function binaryDifference(a: Buffer[], e: Buffer[]): Position | null {
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (i >= a.length || i >= e.length || !a[i].equals(e[i])) return atLine(i, a, e, 0);
  }
  return null;
}

/** One line for a job's message: where the output differs, with both lines. */
export function describeDifference(diff: OutputDiff): string {
  const at = `line ${diff.line}`;
  const show = (line: string) => (diff.encoding === 'base64' ? `(base64) ${line}` : JSON.stringify(line));
  if (diff.actual === null) return `${at}: expected ${show(diff.expected ?? '')}, but the output ended`;
  if (diff.expected === null) return `${at}: expected the output to end, got ${show(diff.actual)}`;
  return `${at}, column ${diff.column}: expected ${show(diff.expected)}, got ${show(diff.actual)}`;
}
