import { assertPoolLanguagesKnown, languagesOfPool, parsePools, poolNames } from './pools';

describe('RUNQ_POOLS', () => {
  it('maps each listed language to its pool; spaces and empty entries are ignored', () => {
    const pools = parsePools(' jvm = java, kotlin ,scala ; native=c,cpp;');
    expect(pools).toEqual({ java: 'jvm', kotlin: 'jvm', scala: 'jvm', c: 'native', cpp: 'native' });
    expect(poolNames(pools)).toEqual(['default', 'jvm', 'native']);
    expect(parsePools('')).toEqual({});
  });

  it.each([
    ['JVM=java', /"JVM" is not a pool name/],
    ['default=java', /"default" is not a pool name/],
    ['jvm=', /pool "jvm" lists no languages/],
    ['jvm', /pool "jvm" lists no languages/],
    ['jvm=java;other=java', /java is in both jvm and other/],
    ['jvm=Ja va', /"Ja va" is not a language id/],
  ])('refuses %j with a readable message', (text, message) => {
    expect(() => parsePools(text)).toThrow(message);
  });

  it("checks the languages against the catalog, and lists a pool's languages", () => {
    const known = ['python', 'java', 'kotlin', 'c'];
    const pools = parsePools('jvm=java,kotlin');
    expect(() => assertPoolLanguagesKnown(pools, known)).not.toThrow();
    expect(() => assertPoolLanguagesKnown(parsePools('jvm=java,cobol'), known)).toThrow('unknown languages: cobol');
    expect(languagesOfPool('jvm', pools, known)).toEqual(['java', 'kotlin']);
    expect(languagesOfPool('default', pools, known)).toEqual(['python', 'c']);
  });
});
