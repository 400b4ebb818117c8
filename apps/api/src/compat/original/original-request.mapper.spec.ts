import { DomainError } from '#contracts';
import {
  apiExecuteJob,
  isolationFields,
  renameField,
  runProgramJob,
  SCRIPT_CALL_FIELDS,
  scriptCallJob,
  timeoutLimits,
} from './original-request.mapper';

const MAX = 300_000;

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('original request mappers', () => {
  it('POST /: fn becomes a call after the script, payload the inputs, timeout the wall limit', () => {
    expect(scriptCallJob({ script: 'function add(p) { return p.a }', fn: 'add', payload: { a: 1 }, timeout: 2500 }, MAX, true)).toEqual({
      language: 'javascript',
      code: 'function add(p) { return p.a }\n;add(INPUTS);\n',
      inputs: { a: 1 },
      limits: { timeoutMs: 2500 },
    });
  });

  it('POST /: without fn the script is the expression form, and a missing payload is null (still function mode)', () => {
    expect(scriptCallJob({ script: 'INPUTS' }, MAX, true)).toEqual({ language: 'javascript', code: 'INPUTS', inputs: null });
  });

  it('maps process onto a container, none onto an isolate while isolates are on, nothing onto the operator default', () => {
    expect([isolationFields('process', true), isolationFields('none', true), isolationFields(undefined, true)]).toEqual([
      { isolation: 'container' },
      { isolation: 'isolate' },
      {},
    ]);
    expect(isolationFields('none', false)).toEqual({ isolation: 'container' });
  });

  it('refuses a timeout above the maximum naming timeout, and raises one below runq minimum', () => {
    const error = refusal(() => timeoutLimits(MAX + 1, MAX));
    expect([error.code, error.field, error.message]).toEqual([
      'invalid_request',
      'timeout',
      `timeout must not be greater than ${MAX} (milliseconds)`,
    ]);
    expect(timeoutLimits(5, MAX)).toEqual({ limits: { timeoutMs: 100 } });
    expect(timeoutLimits(undefined, MAX)).toEqual({});
  });

  it('POST /api/execute: language makes it a program with stdin; without, JavaScript function mode that takes no input', () => {
    expect(apiExecuteJob({ code: 'print(1)', language: 'python', input: '1\n', timeout: 1000 }, MAX)).toEqual({
      language: 'python',
      code: 'print(1)',
      stdin: '1\n',
      limits: { timeoutMs: 1000 },
    });
    expect(apiExecuteJob({ code: '1 + 2' }, MAX)).toEqual({ language: 'javascript', code: '1 + 2', inputs: null });
    expect(refusal(() => apiExecuteJob({ code: '1', input: 'x' }, MAX)).field).toBe('input');
  });

  it('POST /run/:language: the path names the language, input is stdin', () => {
    expect(runProgramJob('c', { code: 'int main(){}', input: '3' })).toEqual({ language: 'c', code: 'int main(){}', stdin: '3' });
  });

  it('renames a native field in a refusal to the name the client sent, whole words only', () => {
    const renamed = renameField(DomainError.invalid('code must be at most 10 bytes in total (codes: code)', 'code'), SCRIPT_CALL_FIELDS);
    expect(renamed).toMatchObject({ field: 'script', message: 'script must be at most 10 bytes in total (codes: script)' });
    const other = DomainError.invalid('language "x" is not supported', 'language');
    expect(renameField(other, SCRIPT_CALL_FIELDS)).toBe(other);
    const notDomain = new Error('x');
    expect(renameField(notDomain, SCRIPT_CALL_FIELDS)).toBe(notDomain);
  });
});
