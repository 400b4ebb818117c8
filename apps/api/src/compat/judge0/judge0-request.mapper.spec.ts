import { mapJudge0Request, type MappingContext } from './judge0-request.mapper';
import type { Judge0Limits } from './judge0-limits';

const limits: Judge0Limits = {
  cpuTime: 5,
  maxCpuTime: 15,
  maxCpuExtraTime: 5,
  wallTime: 10,
  maxWallTime: 20,
  memoryKb: 131072,
  maxMemoryKb: 524288,
  processes: 64,
  maxProcesses: 128,
  maxNumberOfRuns: 20,
  maxBatch: 20,
  maxExtractBytes: 65536,
};
const languages: Record<string, { fileName: string; compiled: boolean }> = {
  python: { fileName: 'main.py', compiled: false },
  c: { fileName: 'main.c', compiled: true },
};
const context = (base64 = false): MappingContext => ({ base64, limits, language: (id) => languages[id] });
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('mapJudge0Request', () => {
  it('maps a Judge0 submission onto a runq job request, texts as canonical base64 and limits in runq units', () => {
    const mapped = mapJudge0Request(
      {
        language_id: '50',
        source_code: 'int main(){}',
        stdin: '1 2\n',
        expected_output: '3',
        cpu_time_limit: 1.5,
        cpu_extra_time: '0.5',
        wall_time_limit: 3,
        memory_limit: 65536,
        max_processes_and_or_threads: 2,
        compiler_options: '-O2 -Wall',
        command_line_arguments: `a "b c" 'd e'`,
      },
      context(),
    );
    expect(mapped).toEqual({
      ok: true,
      extras: { callbackFormat: 'judge0', runs: 1, redirectStderr: false },
      dto: {
        language: 'c',
        files: [{ name: 'main.c', content: b64('int main(){}'), encoding: 'base64' }],
        encoding: 'base64',
        stdin: b64('1 2\n'),
        expectedOutput: b64('3'),
        comparison: { mode: 'trailing_whitespace' },
        args: ['a', 'b c', 'd e'],
        compileOptions: ['-O2', '-Wall'],
        // cpu + extra; processes raised to runq's floor of 4
        limits: { cpuTimeMs: 2000, timeoutMs: 3000, memoryMb: 64, processes: 4 },
      },
    });
  });

  it('decodes base64 leniently as Ruby does (line breaks) and stores it canonical', () => {
    const mapped = mapJudge0Request({ language_id: 71, source_code: 'cHJp\nbnQoMSk=\n', stdin: 'AP8=' }, context(true));
    expect(mapped.ok && mapped.dto.files![0]!.content).toBe(b64('print(1)'));
    expect(mapped.ok && Buffer.from(mapped.dto.stdin!, 'base64')).toEqual(Buffer.from([0, 255]));
  });

  it("collects Judge0's 422 messages per attribute", () => {
    const mapped = mapJudge0Request(
      { language_id: 3, wall_time_limit: 0.5, memory_limit: 'lots', cpu_time_limit: 16, number_of_runs: 21, enable_network: 'true' },
      context(),
    );
    expect(mapped).toEqual({
      ok: false,
      errors: {
        language_id: ['language with id 3 is archived and cannot be used anymore'],
        source_code: ["can't be blank"],
        cpu_time_limit: ['must be less than or equal to 15.0'],
        wall_time_limit: ['must be greater than or equal to 1.0'],
        memory_limit: ['is not a number'],
        number_of_runs: ['must be less than or equal to 20'],
        enable_network: ['enabling network is not allowed'],
      },
    });
  });

  it('refuses unknown languages, options on interpreted ones, shell operators and too long options', () => {
    expect(mapJudge0Request({ language_id: 44, source_code: 'x' }, context())).toEqual({
      ok: false,
      errors: { language_id: ["language with id 44 doesn't exist"] },
    });
    const python = mapJudge0Request({ language_id: 71, source_code: 'x', compiler_options: '-O2' }, context());
    expect(python).toEqual({
      ok: false,
      errors: { compiler_options: ['setting compiler options is only allowed for compiled languages'] },
    });
    const shell = mapJudge0Request({ language_id: 71, source_code: 'x', command_line_arguments: 'a && b $(c)' }, context());
    expect(shell.ok ? null : Object.keys(shell.errors)).toEqual(['command_line_arguments']);
    const long = mapJudge0Request({ language_id: 50, source_code: 'x', compiler_options: 'a'.repeat(513) }, context());
    expect(long.ok ? null : long.errors.compiler_options).toEqual(['is too long (maximum is 512 characters)']);
  });

  it('keeps number_of_runs and redirect_stderr_to_stdout beside the request, as Rails casts them', () => {
    const extras = (body: Record<string, unknown>) => {
      const mapped = mapJudge0Request({ language_id: 71, source_code: 'x', ...body }, context());
      return mapped.ok ? mapped.extras : mapped.errors;
    };
    expect(extras({ number_of_runs: 3, redirect_stderr_to_stdout: true })).toEqual({
      callbackFormat: 'judge0',
      runs: 3,
      redirectStderr: true,
    });
    expect(extras({ number_of_runs: '20', redirect_stderr_to_stdout: 'false' })).toMatchObject({ runs: 20, redirectStderr: false });
    // An integer column keeps the whole part, never less than one run.
    expect(extras({ number_of_runs: 2.7 })).toMatchObject({ runs: 2 });
    expect(extras({ number_of_runs: 0.5 })).toMatchObject({ runs: 1 });
    expect(extras({ number_of_runs: 0 })).toEqual({ number_of_runs: ['must be greater than 0'] });
    expect(extras({ number_of_runs: 'x' })).toEqual({ number_of_runs: ['is not a number'] });
  });

  it('treats a body that is not an object as empty', () => {
    expect(mapJudge0Request([1, 2], context())).toEqual({
      ok: false,
      errors: { language_id: ["can't be blank"], source_code: ["can't be blank"] },
    });
  });
});
