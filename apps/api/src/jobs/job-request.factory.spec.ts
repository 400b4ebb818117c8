import { BadRequestException } from '@nestjs/common';
import { loadConfig, type RunqConfig } from '#config';
import { LANGUAGES, LanguageRegistry } from '#languages';
import type { CreateJobDto, SourceFileDto } from './dto/create-job.dto';
import { JobRequestFactory } from './job-request.factory';

const ENV = { DATABASE_URL: 'postgresql://x', REDIS_URL: 'redis://x' };
const config: RunqConfig = loadConfig(ENV);
const registry = new LanguageRegistry();
const factory = new JobRequestFactory(config, registry);

/** The 400's message, from the response body the HTTP layer would send. */
function rejection(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    const body = (error as BadRequestException).getResponse() as { message: string; statusCode: number };
    expect(body.statusCode).toBe(400);
    return body.message;
  }
  throw new Error('expected a BadRequestException');
}

const dto = (overrides: Partial<CreateJobDto>): CreateJobDto => ({ language: 'python', ...overrides });
const withFiles = (...files: SourceFileDto[]) => dto({ files });

describe('JobRequestFactory', () => {
  describe('language', () => {
    it('stores the id of a language asked for by alias', () => {
      expect(factory.build(dto({ language: 'PY', code: 'print(1)' }), null).language).toBe('python');
      expect(factory.build(dto({ language: 'nodejs', code: 'x' }), null).language).toBe('javascript');
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
    const small = new JobRequestFactory(loadConfig({ ...ENV, RUNQ_MAX_CODE_BYTES: '1024', RUNQ_MAX_STDIN_BYTES: '2048' }), registry);

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

    it.each(['timeoutMs', 'memoryMb', 'cpus', 'processes', 'outputBytes'] as const)(
      'rejects limits.%s above its maximum, naming both',
      (key) => {
        const maximum = config.maxima[key];
        const message = rejection(() => factory.build(dto({ code: 'x', limits: { [key]: maximum + 1 } }), null));
        expect(message).toMatch(new RegExp(`^limits\\.${key} `));
        expect(message).toContain(String(maximum));
      },
    );

    it("uses a language's own defaults, capped by the maxima", () => {
      const slow = { ...LANGUAGES[0], id: 'slow', aliases: [], limits: { timeoutMs: 20_000, memoryMb: 1_000_000 } };
      const job = new JobRequestFactory(config, new LanguageRegistry([slow])).build(dto({ language: 'slow', code: 'x' }), null);
      expect(job.limits).toEqual({ ...config.defaults, timeoutMs: 20_000, memoryMb: config.maxima.memoryMb });
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
