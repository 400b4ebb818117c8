import { LANGUAGES } from './catalog/index';
import type { JobLimits } from '#contracts';
import {
  cpuTimeFollowing,
  defaultLimitsFor,
  expandArgv,
  isVersionOf,
  LanguageRegistry,
  languageVariants,
  parseVersion,
  versionKey,
} from './language-registry';
import type { LanguageDefinition } from './language.types';

function language(id: string, aliases: string[], overrides: Partial<LanguageDefinition> = {}): LanguageDefinition {
  return {
    id,
    name: id,
    aliases,
    image: id,
    fileName: `main.${id}`,
    sourceExtensions: [`.${id}`],
    run: [id, '{entry}'],
    version: [id, '--version'],
    hello: '',
    ...overrides,
  };
}

describe('LanguageRegistry', () => {
  const ruby = language('ruby', ['rb', 'Ruby3']);
  const perl = language('perl', ['pl']);
  const registry = new LanguageRegistry([ruby, perl]);

  it('resolves by id and by alias, ignoring case and surrounding blanks', () => {
    expect(registry.resolve('ruby')).toBe(ruby);
    expect(registry.resolve('RB')).toBe(ruby);
    expect(registry.resolve('ruby3')).toBe(ruby);
    expect(registry.resolve('  Perl \n')).toBe(perl);
    expect(registry.resolve('PL')).toBe(perl);
  });

  it('returns undefined for unknown names', () => {
    expect(registry.resolve('cobol')).toBeUndefined();
    expect(registry.resolve('')).toBeUndefined();
    expect(registry.resolve('rub')).toBeUndefined();
  });

  it('lists ids in declaration order', () => {
    expect(registry.ids()).toEqual(['ruby', 'perl']);
  });

  it('throws when two languages share an alias, even in a different case', () => {
    expect(() => new LanguageRegistry([language('a', ['x']), language('b', ['X'])])).toThrow(/"X" is declared twice/);
  });

  it('throws when an alias repeats another language id', () => {
    expect(() => new LanguageRegistry([language('a', []), language('b', ['a'])])).toThrow(/declared twice/);
  });

  it('defaults to the real catalog', () => {
    expect(new LanguageRegistry().ids()).toEqual(LANGUAGES.map((l) => l.id));
  });
});

describe('toolchain variants', () => {
  const java = language('java', ['jdk'], { image: 'jvm', env: ['PATH=/jdk25'], variants: [{ major: '21', env: ['PATH=/jdk21'] }] });
  const registry = new LanguageRegistry([java]);

  it('expands a language into its default entry and one definition per variant', () => {
    const [standard, older] = languageVariants(java);
    expect(standard).toBe(java);
    expect(older).toMatchObject({ id: 'java', image: 'jvm', env: ['PATH=/jdk21'], variant: '21' });
    expect(older.variants).toBeUndefined();
    expect([standard, older].map(versionKey)).toEqual(['java', 'java@21']);
  });

  it('resolves a requested version to its variant, anything else to the default', () => {
    expect(registry.resolve('jdk', '21')?.variant).toBe('21');
    expect(registry.resolve('java', '21.0.9')?.variant).toBe('21');
    expect(registry.resolve('java', '25.0.1')).toBe(java);
    expect(registry.resolve('java', '2')).toBe(java);
    expect(registry.resolve('java', null)).toBe(java);
    expect(registry.resolve('java')).toBe(java);
  });

  it('matches versions on whole components', () => {
    expect(isVersionOf('21.0.9', '21')).toBe(true);
    expect(isVersionOf('21', '21')).toBe(true);
    expect(isVersionOf('210.1', '21')).toBe(false);
  });

  it('gives every variant of the catalog an image', () => {
    for (const definition of LANGUAGES.flatMap(languageVariants)) expect(definition.image).toBeTruthy();
  });
});

describe('expandArgv', () => {
  it('replaces {entry} wherever it occurs inside an argument', () => {
    expect(expandArgv(['run', '{entry}', '--file={entry}'], 'app.py', ['app.py'], ['.py'])).toEqual(['run', 'app.py', '--file=app.py']);
  });

  it('expands {sources} to the other source files in order, then the entry last, in place', () => {
    const argv = expandArgv(
      ['gcc', '-o', 'main', '{sources}', '-lm'],
      'main.c',
      ['main.c', 'util.h', 'lib/util.c', 'b.c', 'notes.txt'],
      ['.c'],
    );
    expect(argv).toEqual(['gcc', '-o', 'main', 'lib/util.c', 'b.c', 'main.c', '-lm']);
  });

  it('accepts any of several extensions', () => {
    expect(expandArgv(['{sources}'], 'a.js', ['a.js', 'b.mjs', 'c.ts'], ['.js', '.mjs'])).toEqual(['b.mjs', 'a.js']);
  });

  it('expands {stem} and {options}, which may be empty', () => {
    expect(expandArgv(['javac', '{options}', 'x', '{stem}'], 'pkg/Main.java', ['pkg/Main.java'], ['.java'], ['-g', '-Xlint:all'])).toEqual([
      'javac',
      '-g',
      '-Xlint:all',
      'x',
      'pkg/Main',
    ]);
    expect(expandArgv(['gcc', '{options}', '-o', 'main'], 'main.c', ['main.c'], ['.c'])).toEqual(['gcc', '-o', 'main']);
  });

  it('reads a version with a language-specific pattern', () => {
    const out = 'Erlang/OTP 25 [erts-13.1.5] [source]\n\nElixir 1.14.0 (compiled with Erlang/OTP 25)';
    expect(parseVersion(out)).toBe('13.1.5');
    expect(parseVersion(out, 'Elixir (\\d+\\.\\d+\\.\\d+)')).toBe('1.14.0');
  });

  it('falls back to the entry when no file has a source extension', () => {
    expect(expandArgv(['cc', '{sources}'], 'prog', ['prog', 'data.txt'], ['.c'])).toEqual(['cc', 'prog']);
  });

  it('leaves arguments without placeholders untouched', () => {
    expect(expandArgv(['./main', '{other}'], 'main.c', ['main.c'], ['.c'])).toEqual(['./main', '{other}']);
  });
});

describe('parseVersion', () => {
  it.each([
    ['Python 3.11.2', '3.11.2'],
    ['v18.20.4\n', '18.20.4'],
    ['12.2.0', '12.2.0'],
    ['go version go1.22 linux/amd64', '1.22'],
    ['gcc (Debian 12.2.0-14) 12.2.0', '12.2.0'],
  ])('reads %j as %s', (output, version) => {
    expect(parseVersion(output)).toBe(version);
  });

  it.each(['', 'command not found', 'version 7', 'v.1.'])('returns null for %j', (output) => {
    expect(parseVersion(output)).toBeNull();
  });
});

describe('LANGUAGES catalog', () => {
  it('declares every id and alias once (case-insensitively)', () => {
    const names = LANGUAGES.flatMap((l) => [l.id, ...l.aliases].map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
    expect(() => new LanguageRegistry(LANGUAGES)).not.toThrow();
  });

  it.each(LANGUAGES.map((l) => [l.id, l] as const))('%s: the default file name has one of its source extensions', (_id, lang) => {
    expect(lang.sourceExtensions.some((ext) => lang.fileName.endsWith(ext))).toBe(true);
  });

  it.each(LANGUAGES.map((l) => [l.id, l] as const))('%s: the run command refers to the program', (_id, lang) => {
    const argv = [...(lang.compile ?? []), ...lang.run];
    expect(argv.some((arg) => arg.includes('{entry}') || arg.includes('{stem}') || arg === '{sources}')).toBe(true);
  });

  // The API refuses files named like these (files[i].name), so a job cannot have them overwritten.
  it.each(LANGUAGES.filter((l) => l.compile).map((l) => [l.id, l] as const))(
    '%s: the compile stage names what it writes, including what the run command starts',
    (_id, lang) => {
      expect(lang.compileOutputs?.length).toBeGreaterThan(0);
      const started = lang.run.find((arg) => /^(\.\/)?main(\.\w+)?$/.test(arg));
      if (started) expect(lang.compileOutputs).toContain(started.replace(/^\.\//, ''));
    },
  );
});

describe('default limits', () => {
  const defaults: JobLimits = { timeoutMs: 5000, cpuTimeMs: 5000, memoryMb: 128, cpus: 0.5, processes: 64, outputBytes: 1024 };
  const maxima: JobLimits = { timeoutMs: 60_000, cpuTimeMs: 30_000, memoryMb: 1024, cpus: 2, processes: 256, outputBytes: 4096 };

  it("gives a language's own time limit as much CPU time, within the maximum", () => {
    expect(defaultLimitsFor(language('jvm', [], { limits: { timeoutMs: 10_000 } }), defaults, maxima)).toMatchObject({
      timeoutMs: 10_000,
      cpuTimeMs: 10_000,
    });
    expect(defaultLimitsFor(language('slow', [], { limits: { timeoutMs: 50_000 } }), defaults, maxima).cpuTimeMs).toBe(30_000);
    expect(defaultLimitsFor(language('plain', []), defaults, maxima)).toEqual(defaults);
  });

  it('keeps the default CPU time when the wall-clock limit is lower', () => {
    expect(cpuTimeFollowing(5000, 1000, 30_000)).toBe(5000);
    expect(cpuTimeFollowing(5000, 20_000, 30_000)).toBe(20_000);
    expect(cpuTimeFollowing(5000, 50_000, 30_000)).toBe(30_000);
  });
});
