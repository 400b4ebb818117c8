import { LANGUAGES } from '#languages';
import { pistonRuntimes, resolveRuntime, toSemver } from './piston-runtimes';

describe('toSemver', () => {
  it.each([
    ['3.13.5', '3.13.5'],
    ['go1.22.2', '1.22.2'],
    ['17.0.9+9', '17.0.9'],
    ['8.7', '8.7.0'],
    ['21', '21.0.0'],
    ['v020.01.2', '20.1.2'],
  ])('%s → %s', (version, expected) => expect(toSemver(version)).toBe(expected));

  it('gives up on a version without numbers', () => expect(toSemver('unknown')).toBeNull());
});

describe('pistonRuntimes / resolveRuntime', () => {
  const reported = { python: '3.13.5', cpp: '14.2.0', racket: '8.7', java: '25.0.1', 'java@21': '21.0.9+10', sql: '3.46.1' };
  const runtimes = pistonRuntimes(LANGUAGES, reported);

  it("uses Piston's names and aliases, and lists only installed versions", () => {
    expect(runtimes.map((r) => r.runtime)).toEqual(
      expect.arrayContaining([
        { language: 'python', version: '3.13.5', aliases: expect.arrayContaining(['py', 'py3', 'python3']) },
        { language: 'c++', version: '14.2.0', aliases: expect.arrayContaining(['cpp', 'g++']), runtime: 'gcc' },
        { language: 'racket', version: '8.7.0', aliases: expect.arrayContaining(['rkt']) },
        { language: 'sqlite3', version: '3.46.1', aliases: expect.arrayContaining(['sqlite', 'sql']) },
      ]),
    );
    expect(runtimes.some((r) => r.runtime.language === 'go')).toBe(false);
  });

  it('keeps the runq version a job selects', () => {
    expect(resolveRuntime(runtimes, 'java', '21.x')).toMatchObject({ runqVersion: '21.0.9+10', runtime: { version: '21.0.9' } });
  });

  it('picks the highest version matching a selector, by name or alias', () => {
    expect(resolveRuntime(runtimes, 'java', '*')?.runtime.version).toBe('25.0.1');
    expect(resolveRuntime(runtimes, 'cpp', '14.2.0')?.runtime.language).toBe('c++');
    expect(resolveRuntime(runtimes, 'py', '3.x')?.language.id).toBe('python');
    expect(resolveRuntime(runtimes, 'python', '2.x')).toBeNull();
    expect(resolveRuntime(runtimes, 'python', 'not a range')).toBeNull();
    expect(resolveRuntime(runtimes, 'cobra', '*')).toBeNull();
  });
});
