import { outputMatches } from './output-comparator';

const b = (text: string) => Buffer.from(text);

describe('outputMatches', () => {
  it('exact compares bytes', () => {
    expect(outputMatches(b('42\n'), b('42\n'), { mode: 'exact' })).toBe(true);
    expect(outputMatches(b('42\n'), b('42'), { mode: 'exact' })).toBe(false);
    expect(outputMatches(Buffer.from([0xff, 0x00]), Buffer.from([0xff, 0x00]), { mode: 'exact' })).toBe(true);
    expect(outputMatches(Buffer.from([0xff, 0x00]), Buffer.from([0xfe, 0x00]), { mode: 'exact' })).toBe(false);
  });

  it('ignores trailing whitespace per line and trailing blank lines by default', () => {
    expect(outputMatches(b('1 2  \n3\t\n\n\n'), b('1 2\n3'))).toBe(true);
    expect(outputMatches(b('1 2\r\n3\r\n'), b('1 2\n3\n'))).toBe(true);
    expect(outputMatches(b(' 1 2\n3'), b('1 2\n3'))).toBe(false); // leading space counts
    expect(outputMatches(b('1  2\n'), b('1 2\n'))).toBe(false); // inner space counts
    expect(outputMatches(b('1\n\n2\n'), b('1\n2\n'))).toBe(false); // inner blank line counts
  });

  it('whitespace mode treats every run of whitespace alike', () => {
    expect(outputMatches(b('  1   2\n\n3 '), b('1 2 3'), { mode: 'whitespace' })).toBe(true);
    expect(outputMatches(b('12 3'), b('1 2 3'), { mode: 'whitespace' })).toBe(false);
  });

  it('case_insensitive ignores letter case and trailing whitespace', () => {
    expect(outputMatches(b('YES \n'), b('yes'), { mode: 'case_insensitive' })).toBe(true);
    expect(outputMatches(b('yes no'), b('yes'), { mode: 'case_insensitive' })).toBe(false);
  });

  it('float mode accepts numbers within epsilon, absolute or relative, and other tokens exactly', () => {
    expect(outputMatches(b('3.1415927\n'), b('3.14159265'), { mode: 'float', epsilon: 1e-6 })).toBe(true);
    expect(outputMatches(b('3.1416\n'), b('3.14159265'), { mode: 'float', epsilon: 1e-6 })).toBe(false);
    expect(outputMatches(b('1000000.5'), b('1000000'), { mode: 'float', epsilon: 1e-6 })).toBe(true); // relative
    expect(outputMatches(b('x = 0.333333'), b('x = 0.3333333'), { mode: 'float', epsilon: 1e-5 })).toBe(true);
    expect(outputMatches(b('y = 0.3333'), b('x = 0.3333'), { mode: 'float', epsilon: 1e-5 })).toBe(false);
    expect(outputMatches(b('1e3'), b('1000.0000001'), { mode: 'float' })).toBe(true);
    expect(outputMatches(b('1 2'), b('1 2 3'), { mode: 'float' })).toBe(false);
    expect(outputMatches(b('nan'), b('1'), { mode: 'float' })).toBe(false);
  });
});
