import fc from 'fast-check';
import type { Comparison } from '#contracts';
import { outputMatches } from './output-comparator';
import { describeDifference, firstDifference } from './output-diff';

const b = (text: string) => Buffer.from(text);
const diff = (actual: string, expected: string, comparison?: Comparison) => firstDifference(b(actual), b(expected), comparison);

describe('firstDifference', () => {
  it('names the first differing line, its column, and both lines', () => {
    expect(diff('1\n2\nsum = 41\n4\n', '1\n2\nsum = 42\n5\n')).toEqual({
      line: 3,
      column: 8,
      expected: 'sum = 42',
      actual: 'sum = 41',
      encoding: 'utf8',
    });
  });

  it('is null when the outputs match under the mode', () => {
    expect(diff('1 \n2\n\n', '1\n2')).toBeNull();
    expect(diff('YES', 'yes', { mode: 'case_insensitive' })).toBeNull();
    expect(diff('1   2\n3', '1 2 3', { mode: 'whitespace' })).toBeNull();
    expect(diff('3.1415927', '3.14159265', { mode: 'float', epsilon: 1e-6 })).toBeNull();
  });

  it('says which output ended first', () => {
    expect(diff('1\n2\n', '1\n2\n3\n')).toEqual({ line: 3, column: 1, expected: '3', actual: null, encoding: 'utf8' });
    expect(diff('1\n2\nextra\n', '1\n2\n')).toEqual({ line: 3, column: 1, expected: null, actual: 'extra', encoding: 'utf8' });
  });

  it('counts a missing final newline in exact mode only', () => {
    expect(diff('42\n', '42', { mode: 'exact' })).toEqual({ line: 2, column: 1, expected: null, actual: '', encoding: 'utf8' });
    expect(diff('42\n', '42')).toBeNull();
  });

  it('shows the lines as printed, while comparing them as the mode does', () => {
    expect(diff('Yes  \nNO\r\n', 'yes\nyes\n', { mode: 'case_insensitive' })).toEqual({
      line: 2,
      column: 1,
      expected: 'yes',
      actual: 'NO\r',
      encoding: 'utf8',
    });
    expect(diff(' 1 2', '1 2')).toMatchObject({ line: 1, column: 1 });
  });

  it('finds the first differing token in whitespace and float modes, with the lines that hold it', () => {
    expect(diff('1 2\n3 4\n5', '1 2 3 5 5', { mode: 'whitespace' })).toEqual({
      line: 2,
      column: 3,
      expected: '1 2 3 5 5',
      actual: '3 4',
      encoding: 'utf8',
    });
    expect(diff('x = 0.5000001\ny = 2.5', 'x = 0.5\ny = 2.25', { mode: 'float', epsilon: 1e-3 })).toEqual({
      line: 2,
      column: 5,
      expected: 'y = 2.25',
      actual: 'y = 2.5',
      encoding: 'utf8',
    });
    expect(diff('1 2\n', '1 2 3', { mode: 'whitespace' })).toEqual({
      line: 2,
      column: 1,
      expected: '1 2 3',
      actual: null,
      encoding: 'utf8',
    });
    expect(diff('1 2 3\n', '1 2', { mode: 'float' })).toEqual({ line: 1, column: 5, expected: null, actual: '1 2 3', encoding: 'utf8' });
  });

  it('cuts long lines to 200 characters around the difference, marking each cut', () => {
    const head = 'a'.repeat(1000);
    const found = diff(`${head}X${'b'.repeat(1000)}`, `${head}Y${'b'.repeat(1000)}`)!;
    expect(found.column).toBe(1001);
    expect(found.actual).toBe(`…${'a'.repeat(100)}X${'b'.repeat(99)}…`);
    expect(found.expected).toBe(`…${'a'.repeat(100)}Y${'b'.repeat(99)}…`);
    const early = diff(`X${'b'.repeat(500)}`, `Y${'b'.repeat(500)}`)!;
    expect(early.actual).toBe(`X${'b'.repeat(199)}…`);
  });

  it('counts columns in characters and never splits a character', () => {
    const found = diff(`${'😀'.repeat(300)}x`, `${'😀'.repeat(300)}y`)!;
    expect(found.column).toBe(301);
    expect(Array.from(found.actual!)).toEqual(['…', ...Array.from('😀'.repeat(100)), 'x']);
    expect(Buffer.from(found.actual!).toString()).toBe(found.actual); // no lone surrogate
    expect(diff('naïve 😀 a', 'naïve 😀 b')).toMatchObject({ column: 9 });
  });

  it('gives lines that are not text (or hold NUL) as base64 of their bytes', () => {
    const actual = Buffer.from([0x41, 0x0a, 0xff, 0x00, 0x01, 0x0a]);
    const expected = Buffer.from([0x41, 0x0a, 0xff, 0x00, 0x02, 0x0a]);
    expect(firstDifference(actual, expected, { mode: 'exact' })).toEqual({
      line: 2,
      column: 3,
      expected: Buffer.from([0xff, 0x00, 0x02]).toString('base64'),
      actual: Buffer.from([0xff, 0x00, 0x01]).toString('base64'),
      encoding: 'base64',
    });
    expect(firstDifference(b('a\0b'), b('a\0c'))).toMatchObject({ encoding: 'base64', column: 3 });
  });

  it('agrees with outputMatches in every mode', () => {
    const alphabet = fc.constantFrom('a', 'A', 'b', '1', '1.0', '2', '1e0', ' ', '  ', '\t', '\r', '\n', '\n\n', 'é', 'Σ', 'ς', '😀', '-');
    const text = fc.array(alphabet, { maxLength: 12 }).map((parts) => parts.join(''));
    const comparison = fc.constantFrom<Comparison>(
      { mode: 'exact' },
      { mode: 'trailing_whitespace' },
      { mode: 'whitespace' },
      { mode: 'case_insensitive' },
      { mode: 'float' },
      { mode: 'float', epsilon: 0.5 },
    );
    fc.assert(
      fc.property(text, text, comparison, (actual, expected, mode) => {
        const matches = outputMatches(b(actual), b(expected), mode);
        expect(firstDifference(b(actual), b(expected), mode) === null).toBe(matches);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('describeDifference', () => {
  it('quotes both lines', () => {
    expect(describeDifference(diff('1\n"2"', '1\n3')!)).toBe('line 2, column 1: expected "3", got "\\"2\\""');
  });

  it('says when the output ended early or went on', () => {
    expect(describeDifference(diff('1', '1\n2')!)).toBe('line 2: expected "2", but the output ended');
    expect(describeDifference(diff('1\n2', '1')!)).toBe('line 2: expected the output to end, got "2"');
  });

  it('marks base64 lines', () => {
    expect(describeDifference(firstDifference(Buffer.from([0xff]), Buffer.from([0xfe]), { mode: 'exact' })!)).toBe(
      'line 1, column 1: expected (base64) /g==, got (base64) /w==',
    );
  });
});
