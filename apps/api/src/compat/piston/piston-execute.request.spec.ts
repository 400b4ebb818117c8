import { DomainError } from '#contracts';
import { LANGUAGES } from '#languages';
import { parsePistonExecute, type PistonMaxima } from './piston-execute.request';
import { pistonMaxima, toJobRequest } from './piston-request.mapper';
import { pistonRuntimes } from './piston-runtimes';

const runtimes = pistonRuntimes(LANGUAGES, { python: '3.13.5', c: '14.2.0', java: '25.0.1' });
const maxima: PistonMaxima = pistonMaxima({
  maxima: { timeoutMs: 300_000, cpuTimeMs: 300_000, memoryMb: 1024, cpus: 2, processes: 256, outputBytes: 1 << 20 },
  compile: { timeoutMs: 10_000, memoryMb: 512 },
});
const files = [{ content: 'print(1)' }];

function refusal(body: unknown): { message: string; field?: string } {
  try {
    parsePistonExecute(body, runtimes, maxima);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid_request') return { message: error.message, field: error.field };
    throw error;
  }
  throw new Error('accepted');
}

describe('parsePistonExecute', () => {
  it.each([
    [null, 'language is required as a string'],
    [{ language: 1 }, 'language is required as a string'],
    [{ language: 'python', version: 3 }, 'version is required as a string'],
    [{ language: 'python', version: '*', files: {} }, 'files is required as an array'],
    [{ language: 'python', version: '*', files: [{ content: 'x' }, {}] }, 'files[1].content is required as a string'],
    [{ language: 'python', version: '4.x', files }, 'python-4.x runtime is unknown'],
    [
      { language: 'python', version: '*', files: [{ content: '00', encoding: 'hex' }] },
      'files must include at least one utf8 encoded file',
    ],
    [
      { language: 'python', version: '*', files: [{ content: '', encoding: 'utf16' }] },
      'files[0].encoding must be one of utf8, base64, hex',
    ],
    [
      { language: 'python', version: '*', files, compile_memory_limit: 'x', run_timeout: 'x' },
      'If specified, compile_memory_limit must be a number',
    ],
    [{ language: 'python', version: '*', files, run_cpu_time: 300_001 }, 'run_cpu_time cannot exceed the configured limit of 300000'],
    [
      { language: 'python', version: '*', files, run_memory_limit: 1024 * 1024 * 1024 + 1 },
      'run_memory_limit cannot exceed the configured limit of 1073741824',
    ],
    [{ language: 'python', version: '*', files, compile_cpu_time: -2 }, 'compile_cpu_time must be non-negative'],
    [{ language: 'python', version: '*', files, stdin: 1 }, 'stdin must be a string'],
    [{ language: 'python', version: '*', files, args: [1] }, 'args must be an array of strings'],
  ])('%j → %s', (body, message) => expect(refusal(body).message).toBe(message));

  it('names the field at fault', () => {
    expect(refusal({ language: 'python', version: '*', files, run_timeout: 'x' }).field).toBe('run_timeout');
  });

  it('takes -1 and falsy limits as the default, and appends the newline stdin lacks', () => {
    const request = parsePistonExecute(
      { language: 'py', version: '3.x', files, run_memory_limit: -1, compile_timeout: 0, run_timeout: 1500, stdin: 'a' },
      runtimes,
      maxima,
    );
    expect(request).toMatchObject({ limits: { run_timeout: 1500 }, stdin: 'a\n', args: [] });
    expect(request.runtime.language.id).toBe('python');
    expect(parsePistonExecute({ language: 'c', version: '*', files, stdin: 'b\n' }, runtimes, maxima).stdin).toBe('b\n');
  });
});

describe('toJobRequest', () => {
  it('names nameless files, turns hex into base64 and run limits into job limits', () => {
    const request = parsePistonExecute(
      {
        language: 'java',
        version: '*',
        files: [{ content: 'class Main {}' }, { content: '6869', encoding: 'hex' }, { name: 'b.bin', content: 'aGk', encoding: 'base64' }],
        args: ['x'],
        run_timeout: 50,
        run_cpu_time: 2000,
        run_memory_limit: 100 * 1024 * 1024 + 1,
      },
      runtimes,
      maxima,
    );
    expect(toJobRequest(request)).toEqual({
      language: 'java',
      version: '25.0.1',
      files: [
        { name: 'Main.java', content: 'class Main {}', encoding: 'utf8' },
        { name: 'file1.code', content: 'aGk=', encoding: 'base64' },
        { name: 'b.bin', content: 'aGk=', encoding: 'base64' },
      ],
      stdin: '\n',
      args: ['x'],
      limits: { timeoutMs: 100, cpuTimeMs: 2000, memoryMb: 101 },
    });
  });
});
