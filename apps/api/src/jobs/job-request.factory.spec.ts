import { loadConfig, type RunqConfig } from '#config';
import { DomainError } from '#contracts';
import { LANGUAGES, LanguageRegistry } from '#languages';
import type { CreateJobDto, SourceFileDto } from './dto/create-job.dto';
import { toNativeError } from '../common/native-error.mapper';
import type { LanguagesService } from '../languages/languages.service';
import { JobRequestFactory } from './job-request.factory';

const ENV = { DATABASE_URL: 'postgresql://x', REDIS_URL: 'redis://x' };
const config: RunqConfig = loadConfig(ENV);
const registry = new LanguageRegistry();
/** No worker has reported yet: every language is taken, on the version asked for. */
const noReports = { installed: () => ({}) } as unknown as LanguagesService;
const factory = new JobRequestFactory(config, registry, noReports);

/** The 400's message, from the response body the HTTP layer would send. */
function rejection(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const body = toNativeError(error as DomainError).body as { message: string; statusCode: number };
    expect(body.statusCode).toBe(400);
    return body.message;
  }
  throw new Error('expected an invalid_request DomainError');
}

const dto = (overrides: Partial<CreateJobDto>): CreateJobDto => ({ language: 'python', ...overrides });
const withFiles = (...files: SourceFileDto[]) => dto({ files });

describe('JobRequestFactory', () => {
  describe('language', () => {
    it('stores the id of a language asked for by alias', () => {
      expect(factory.build(dto({ language: 'PY', code: 'print(1)' }), null).language).toBe('python');
      expect(factory.build(dto({ language: 'nodejs', code: 'x' }), null).language).toBe('javascript');
    });

    it('runs code + inputs without a language as JavaScript in function mode', () => {
      const job = factory.build({ code: 'INPUTS.x + INPUTS.y', inputs: { x: 7, y: 8 } } as CreateJobDto, null);
      expect(job).toMatchObject({ language: 'javascript', functionCall: { name: null, inputs: { x: 7, y: 8 } } });
      expect(rejection(() => factory.build({ code: 'x' } as CreateJobDto, null))).toContain('language');
    });

    it('rejects an unknown language, listing the valid ids', () => {
      const message = rejection(() => factory.build(dto({ language: 'intercal', code: 'x' }), null));
      expect(message).toContain('intercal');
      for (const id of LANGUAGES.map((l) => l.id)) expect(message).toContain(id);
    });
  });

  describe('code and files', () => {
    it('puts code into one file named after the language', () => {
      expect(factory.build(dto({ language: 'c', code: 'int main(void){}' }), null).files).toEqual([
        { name: 'main.c', content: 'int main(void){}', encoding: 'utf8' },
      ]);
    });

    it('keeps files in order with their encoding (utf8 by default)', () => {
      const job = factory.build(
        withFiles({ name: 'app.py', content: 'import lib' }, { name: 'pkg/lib.py', content: 'eD0x', encoding: 'base64' }),
        null,
      );
      expect(job.files).toEqual([
        { name: 'app.py', content: 'import lib', encoding: 'utf8' },
        { name: 'pkg/lib.py', content: 'eD0x', encoding: 'base64' },
      ]);
    });

    it('rejects code and files together', () => {
      expect(rejection(() => factory.build(dto({ code: 'x', files: [{ name: 'a.py', content: 'x' }] }), null))).toMatch(/code or files/);
    });

    it('rejects a request with neither code nor files', () => {
      expect(rejection(() => factory.build(dto({}), null))).toMatch(/^code /);
    });

    it('rejects empty code', () => {
      expect(rejection(() => factory.build(dto({ code: '' }), null))).toBe('code must not be empty');
    });

    it('rejects files that are all empty', () => {
      expect(rejection(() => factory.build(withFiles({ name: 'a.py', content: '' }, { name: 'b.py', content: '' }), null))).toMatch(
        /^files /,
      );
    });

    it.each([
      ['a parent segment', '../x'],
      ['a parent segment inside', 'src/../../x'],
      ['a current-directory segment', 'src/./x'],
      ['an absolute path', '/abs'],
      ['an empty segment', 'a//b'],
      ['a trailing slash', 'dir/'],
      ['a backslash', 'a\\b'],
      ['a NUL', 'a\0b'],
      ['a shell character', 'a$b'],
      ['a leading blank', ' a.py'],
      ['nine levels', 'a/b/c/d/e/f/g/h/i.py'],
    ])('rejects a file name with %s, naming files[i].name', (_case, name) => {
      const message = rejection(() => factory.build(withFiles({ name: 'main.py', content: 'x' }, { name, content: 'y' }), null));
      expect(message).toMatch(/^files\[1\]\.name /);
    });

    it('accepts a name eight levels deep and names with ._+@- and inner spaces', () => {
      const names = ['a/b/c/d/e/f/g/h.py', 'my file+v2@x_y-z.py', '.hidden'];
      const job = factory.build(withFiles(...names.map((name) => ({ name, content: 'x' }))), null);
      expect(job.files.map((f) => f.name)).toEqual(names);
    });

    it('rejects a name used twice', () => {
      const message = rejection(() =>
        factory.build(withFiles({ name: 'a.py', content: '1' }, { name: 'b.py', content: '2' }, { name: 'a.py', content: '3' }), null),
      );
      expect(message).toMatch(/^files\[2\]\.name "a\.py"/);
    });

    it.each([
      [
        ['a', 'a/b.py'],
        1,
        /^files\[1\]\.name "a\/b\.py" clashes with files\[0\]\.name "a": "a" would have to be both a file and a directory/,
      ],
      [['a/b.py', 'a'], 1, /^files\[1\]\.name "a" clashes with files\[0\]\.name "a\/b\.py"/],
      [['main.py', 'x/y', 'x/y/z/w.py'], 2, /"x\/y" would have to be both a file and a directory/],
    ])('rejects names where one is the directory of another (%j), naming the later one', (names, index, message) => {
      const files = names.map((name) => ({ name, content: 'x' }));
      const error = (() => {
        try {
          factory.build(withFiles(...files), null);
        } catch (caught) {
          return caught as DomainError;
        }
        throw new Error('accepted');
      })();
      expect(error.field).toBe(`files[${index}].name`);
      expect(error.message).toMatch(message);
    });

    it('accepts names that differ only in case, and files beside directories', () => {
      expect(() =>
        factory.build(withFiles({ name: 'a.py', content: 'x' }, { name: 'A.py', content: 'x' }, { name: 'ab/c.py', content: 'x' }), null),
      ).not.toThrow();
    });

    it('rejects a name a tool would read as an option', () => {
      expect(rejection(() => factory.build(dto({ language: 'c', files: [{ name: '-o.c', content: 'x' }] }), null))).toMatch(
        /^files\[0\]\.name must not start with "-"/,
      );
    });

    it('rejects names the compile stage writes, and the globals file of TypeScript function mode', () => {
      const build =
        (language: string, names: string[], extra: Partial<CreateJobDto> = {}) =>
        () =>
          factory.build(dto({ language, files: names.map((name) => ({ name, content: 'x' })), ...extra }), null);
      expect(rejection(build('c', ['main.c', 'main']))).toMatch(
        /^files\[1\]\.name "main" is a name the sandbox uses in \/work \(the c compiler writes it\)/,
      );
      expect(rejection(build('c', ['main.c', 'main/notes.txt']))).toMatch(/^files\[1\]\.name "main\/notes.txt" is a name the sandbox uses/);
      expect(rejection(build('typescript', ['main.ts', 'lib/util.ts', 'lib/util.js']))).toMatch(/^files\[2\]\.name "lib\/util.js"/);
      expect(build('typescript', ['main.ts', 'helper.js'])).not.toThrow();
      expect(build('typescript', ['main.ts', 'runq-function.d.ts'])).not.toThrow();
      expect(rejection(build('typescript', ['main.ts', 'runq-function.d.ts'], { function: { name: 'f' } }))).toMatch(
        /^files\[1\]\.name "runq-function.d.ts" is a name the sandbox uses in \/work \(function mode declares its globals in it\)/,
      );
      expect(rejection(build('typescript', ['main.ts', 'main.js.map'], { inputs: 1 }))).toMatch(/^files\[1\]\.name "main.js.map"/);
      expect(build('python', ['main.py', 'main'])).not.toThrow();
    });

    it('rejects base64 content that is not base64, naming files[i].content', () => {
      const message = rejection(() =>
        factory.build(withFiles({ name: 'a.py', content: 'x' }, { name: 'b.bin', content: 'not base64!', encoding: 'base64' }), null),
      );
      expect(message).toMatch(/^files\[1\]\.content /);
    });

    it('does not check utf8 content as base64', () => {
      expect(factory.build(withFiles({ name: 'a.py', content: 'not base64!' }), null).files).toHaveLength(1);
    });
  });

  describe('sizes', () => {
    const small = new JobRequestFactory(
      loadConfig({ ...ENV, RUNQ_MAX_CODE_BYTES: '1024', RUNQ_MAX_STDIN_BYTES: '2048' }),
      registry,
      noReports,
    );

    it('counts code in bytes, not characters', () => {
      expect(small.build(dto({ code: 'é'.repeat(512) }), null).files[0].content).toHaveLength(512);
      const message = rejection(() => small.build(dto({ code: 'é'.repeat(513) }), null));
      expect(message).toMatch(/^code /);
      expect(message).toContain('1024');
    });

    it('counts all files together', () => {
      const message = rejection(() =>
        small.build(withFiles({ name: 'a.py', content: 'a'.repeat(600) }, { name: 'b.py', content: 'b'.repeat(600) }), null),
      );
      expect(message).toMatch(/^files /);
      expect(message).toContain('1024');
    });

    it('counts base64 files by their decoded size', () => {
      const content = Buffer.alloc(1000, 1).toString('base64');
      expect(content.length).toBeGreaterThan(1024);
      expect(small.build(withFiles({ name: 'data.bin', content, encoding: 'base64' }), null).files[0].content).toBe(content);
    });

    it('counts stdin in bytes', () => {
      expect(small.build(dto({ code: 'x', stdin: '€'.repeat(682) }), null).stdin).toHaveLength(682);
      const message = rejection(() => small.build(dto({ code: 'x', stdin: '€'.repeat(683) }), null));
      expect(message).toMatch(/^stdin /);
      expect(message).toContain('2048');
    });
  });

  describe('limits', () => {
    it('takes the server defaults when none are asked for', () => {
      expect(factory.build(dto({ code: 'x' }), null).limits).toEqual(config.defaults);
    });

    it('merges asked limits over the defaults', () => {
      const { limits } = factory.build(dto({ code: 'x', limits: { memoryMb: 256, cpus: 1 } }), null);
      expect(limits).toEqual({ ...config.defaults, memoryMb: 256, cpus: 1 });
    });

    it('accepts limits equal to the maxima', () => {
      expect(factory.build(dto({ code: 'x', limits: { ...config.maxima } }), null).limits).toEqual(config.maxima);
    });

    it.each(['timeoutMs', 'cpuTimeMs', 'memoryMb', 'cpus', 'processes', 'outputBytes'] as const)(
      'rejects limits.%s above its maximum, naming both',
      (key) => {
        const maximum = config.maxima[key];
        const message = rejection(() => factory.build(dto({ code: 'x', limits: { [key]: maximum + 1 } }), null));
        expect(message).toMatch(new RegExp(`^limits\\.${key} `));
        expect(message).toContain(String(maximum));
      },
    );

    it('gives a job that sets no CPU time the default, or its timeoutMs when higher, within the maximum', () => {
      const cpu = (limits: CreateJobDto['limits']) => factory.build(dto({ code: 'x', limits }), null).limits.cpuTimeMs;
      expect(cpu(undefined)).toBe(config.defaults.cpuTimeMs);
      expect(cpu({ timeoutMs: 1000 })).toBe(config.defaults.cpuTimeMs);
      expect(cpu({ timeoutMs: 60_000 })).toBe(60_000);
      expect(cpu({ timeoutMs: 60_000, cpuTimeMs: 500 })).toBe(500);
      const capped = loadConfig({ ...ENV, RUNQ_MAX_CPU_TIME_MS: '20000' });
      expect(
        new JobRequestFactory(capped, registry, noReports).build(dto({ code: 'x', limits: { timeoutMs: 60_000 } }), null).limits,
      ).toMatchObject({
        timeoutMs: 60_000,
        cpuTimeMs: 20_000,
      });
    });

    it('gives a test case that raises its timeout as much CPU time, unless the job or the case sets it', () => {
      const tests = [
        { expectedOutput: '1' },
        { expectedOutput: '1', timeoutMs: 30_000 },
        { expectedOutput: '1', timeoutMs: 30_000, cpuTimeMs: 800 },
        { expectedOutput: '1', timeoutMs: 1000 },
      ];
      expect(factory.build(dto({ code: 'x', tests }), null).tests?.map((t) => t.cpuTimeMs)).toEqual([undefined, 30_000, 800, undefined]);
      const fixed = factory.build(dto({ code: 'x', tests, limits: { cpuTimeMs: 700 } }), null);
      expect(fixed.tests?.map((t) => t.cpuTimeMs)).toEqual([undefined, undefined, 800, undefined]);
      expect(fixed.limits.cpuTimeMs).toBe(700);
    });

    it('rejects a test case CPU time above the maximum, naming tests[i].cpuTimeMs', () => {
      const tests = [{ expectedOutput: '1' }, { expectedOutput: '1', cpuTimeMs: config.maxima.cpuTimeMs + 1 }];
      expect(rejection(() => factory.build(dto({ code: 'x', tests }), null))).toMatch(
        /^tests\[1\]\.cpuTimeMs must not be greater than 300000/,
      );
    });

    it("uses a language's own defaults, capped by the maxima", () => {
      const slow = { ...LANGUAGES[0], id: 'slow', aliases: [], limits: { timeoutMs: 20_000, memoryMb: 1_000_000 } };
      const job = new JobRequestFactory(config, new LanguageRegistry([slow]), noReports).build(dto({ language: 'slow', code: 'x' }), null);
      expect(job.limits).toEqual({ ...config.defaults, timeoutMs: 20_000, cpuTimeMs: 20_000, memoryMb: config.maxima.memoryMb });
    });
  });

  describe('the rest of the row', () => {
    it('fills id, key, version, stdin and args', () => {
      const job = factory.build(dto({ code: 'x', version: '3.11', stdin: 'in', args: ['-v', ''] }), 'key-1');
      expect(job.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(job).toMatchObject({ apiKeyId: 'key-1', version: '3.11', stdin: 'in', args: ['-v', ''] });
    });

    it('defaults version, stdin and args', () => {
      expect(factory.build(dto({ code: 'x' }), null)).toMatchObject({ apiKeyId: null, version: null, stdin: '', args: [] });
    });

    it('gives every job its own id', () => {
      expect(factory.build(dto({ code: 'x' }), null).id).not.toBe(factory.build(dto({ code: 'x' }), null).id);
    });

    it('rejects an argument containing NUL, naming args[i]', () => {
      expect(rejection(() => factory.build(dto({ code: 'x', args: ['ok', 'bad\0'] }), null))).toMatch(/^args\[1\] /);
    });
  });

  describe('entry and compile options', () => {
    it('moves the named entry file first, keeping the others in order', () => {
      const job = factory.build(
        withFiles({ name: 'a.py', content: 'x' }, { name: 'b.py', content: 'y' }, { name: 'run.py', content: 'z' }),
        null,
      );
      expect(job.files.map((f) => f.name)).toEqual(['a.py', 'b.py', 'run.py']);
      const entry = factory.build(
        { ...withFiles({ name: 'a.py', content: 'x' }, { name: 'b.py', content: 'y' }, { name: 'run.py', content: 'z' }), entry: 'run.py' },
        null,
      );
      expect(entry.files.map((f) => f.name)).toEqual(['run.py', 'a.py', 'b.py']);
    });

    it('rejects an entry that is not among the files, and an entry with code', () => {
      expect(rejection(() => factory.build({ ...withFiles({ name: 'a.py', content: 'x' }), entry: 'main.py' }, null))).toMatch(
        /entry "main.py"/,
      );
      expect(rejection(() => factory.build(dto({ code: 'x', entry: 'main.py' }), null))).toMatch(/entry needs files/);
    });

    it('accepts compile options from the language allowlist, in order', () => {
      expect(factory.build(dto({ language: 'c', code: 'int main(){}', compileOptions: ['-O0', '-Wall'] }), null).compileOptions).toEqual([
        '-O0',
        '-Wall',
      ]);
      expect(factory.build(dto({ code: 'print(1)' }), null).compileOptions).toEqual([]);
    });

    it('rejects a compile option outside the allowlist, naming it and listing the allowed ones', () => {
      const message = rejection(() =>
        factory.build(dto({ language: 'c', code: 'x', compileOptions: ['-O2', '-fplugin=/tmp/evil.so'] }), null),
      );
      expect(message).toMatch(/compileOptions\[1\] "-fplugin=\/tmp\/evil.so" is not allowed/);
      expect(message).toContain('-Wall');
      expect(rejection(() => factory.build(dto({ code: 'x', compileOptions: ['-O2'] }), null))).toMatch(/python takes no compile options/);
    });

    it('takes per-language default limits (JVM languages get more memory)', () => {
      const java = factory.build(dto({ language: 'java', code: 'class Main {}' }), null);
      expect(java.limits.memoryMb).toBe(256);
      expect(factory.build(dto({ code: 'x' }), null).limits.memoryMb).toBe(config.defaults.memoryMb);
    });
  });
});
