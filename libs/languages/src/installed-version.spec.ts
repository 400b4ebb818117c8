import { DomainError } from '#contracts';
import { installedVersion } from './installed-version';
import type { LanguageDefinition } from './language.types';

const reported = { python: '3.11.2', javascript: '20.11.1', java: '25.0.1', 'java@21': '21.0.9' };
const lang = (id: string, variants?: LanguageDefinition['variants']) =>
  ({
    id,
    name: id,
    aliases: [],
    fileName: 'main',
    sourceExtensions: [],
    image: 'x',
    run: ['{entry}'],
    version: [],
    hello: '',
    variants,
  }) satisfies LanguageDefinition;
const python = lang('python');
const c = lang('c');
const java = lang('java', [{ major: '21', image: 'jvm' }]);

describe('installedVersion', () => {
  it('runs on the installed version, asked for in full, by prefix or not at all', () => {
    expect(installedVersion(python, undefined, reported)).toBe('3.11.2');
    expect(installedVersion(python, '3', reported)).toBe('3.11.2');
    expect(installedVersion(python, '3.11', reported)).toBe('3.11.2');
    expect(installedVersion(python, '3.11.2', reported)).toBe('3.11.2');
  });

  it('refuses a version that is not a prefix of the installed one, naming the field', () => {
    const error = (() => {
      try {
        return installedVersion(python, '3.1', reported);
      } catch (e) {
        return e as DomainError;
      }
    })() as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'invalid_request',
      field: 'version',
      message: 'version "3.1" of python is not available; installed: 3.11.2',
    });
  });

  it('refuses a language no live worker has, once any worker has reported', () => {
    expect(() => installedVersion(c, undefined, reported)).toThrow(
      'language "c" is not installed on any live worker; installed: python, javascript, java',
    );
  });

  it('offers every version of a toolchain with variants, the default first', () => {
    expect(installedVersion(java, undefined, reported)).toBe('25.0.1');
    expect(installedVersion(java, '21', reported)).toBe('21.0.9');
    expect(installedVersion(java, '25.0', reported)).toBe('25.0.1');
    expect(() => installedVersion(java, '17', reported)).toThrow('version "17" of java is not available; installed: 25.0.1, 21.0.9');
  });

  it('keeps the requested version while no worker has reported', () => {
    expect(installedVersion(c, '12', {})).toBe('12');
    expect(installedVersion(c, undefined, {})).toBeNull();
  });
});
