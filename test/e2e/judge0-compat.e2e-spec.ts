import { unzipSync, zipSync } from 'fflate';
import { b64, runLikeSdk, sdkProblems, unb64 } from './support/judge0-sdk';
import { Stack } from './support/stack';

jest.setTimeout(300_000);

let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('judge0');
});
afterAll(async () => {
  await stack?.stop();
});

/** Generous wall time: the machine may be shared and busy; cases about time limits set their own. */
const run = (submission: Record<string, unknown>) => runLikeSdk(stack, stack.userKey, { wall_time_limit: 20, ...submission });
const src = (code: string) => b64(code);

describe('Judge0: programs run as an unchanged SDK client runs them (SPEC §4 items 5, 7, 8, 14)', () => {
  it('runs Python, C, C++, Java and JavaScript with stdin (ids 71, 50, 54, 62, 63), answering all 35 fields', async () => {
    const programs: [number, string][] = [
      [71, 'print(int(input()) * 2)'],
      [50, '#include <stdio.h>\nint main(void){int n; scanf("%d",&n); printf("%d\\n", n*2); return 0;}'],
      [54, '#include <iostream>\nint main(){int n; std::cin>>n; std::cout<<n*2<<"\\n";}'],
      [
        62,
        'import java.util.*;\npublic class Main { public static void main(String[] a){ System.out.println(new Scanner(System.in).nextInt()*2); } }',
      ],
      [63, 'const n = Number(require("fs").readFileSync(0, "utf8")); console.log(n * 2);'],
    ];
    const results = await Promise.all(
      programs.map(([language_id, code]) => run({ language_id, source_code: src(code), stdin: b64('21\n') })),
    );
    results.forEach((result, i) => {
      expect([programs[i]![0], result.status, unb64(result.stdout)]).toEqual([programs[i]![0], { id: 3, description: 'Accepted' }, '42\n']);
      expect(Object.keys(result).sort()).toEqual(
        expect.arrayContaining(['token', 'status', 'language', 'time', 'memory', 'wall_time', 'exit_code', 'created_at', 'finished_at']),
      );
      expect(Object.keys(result)).toHaveLength(35);
      expect(result.language_id).toBe(programs[i]![0]);
      expect(Number.parseFloat(result.time)).toBeGreaterThanOrEqual(0);
      expect(result.memory).toBeGreaterThan(0);
      expect(result.exit_code).toBe(0);
      expect(result.stderr).toBeNull();
    });
  });

  it('classifies outcomes as Judge0 does: WA (trailing whitespace ignored), TLE, CE, NZEC, signals, memory', async () => {
    const [accepted, wrong, tle, ce, nzec, segv, fpe, abrt, memory] = await Promise.all([
      run({ language_id: 71, source_code: src('print("a  ")\nprint("b")\n\n'), expected_output: b64('a\nb') }),
      run({ language_id: 71, source_code: src('print("a")'), expected_output: b64(' a') }),
      run({ language_id: 71, source_code: src('while True: pass'), cpu_time_limit: 1, wall_time_limit: 5 }),
      run({ language_id: 50, source_code: src('int main(void) { return }') }),
      run({ language_id: 71, source_code: src('import sys; print("out"); sys.exit(3)') }),
      run({ language_id: 50, source_code: src('#include <signal.h>\nint main(void){ raise(SIGSEGV); return 0; }') }),
      run({ language_id: 50, source_code: src('#include <signal.h>\nint main(void){ raise(SIGFPE); return 0; }') }),
      run({ language_id: 50, source_code: src('#include <stdlib.h>\nint main(void){ abort(); }') }),
      run({ language_id: 71, source_code: src('x = bytearray(512 * 1024 * 1024)'), memory_limit: 65536 }),
    ]);
    expect(accepted.status.id).toBe(3);
    expect(wrong.status).toEqual({ id: 4, description: 'Wrong Answer' });
    expect(tle.status).toEqual({ id: 5, description: 'Time Limit Exceeded' });
    expect(ce.status).toEqual({ id: 6, description: 'Compilation Error' });
    expect(unb64(ce.compile_output)).toMatch(/error/);
    expect([ce.stdout, ce.time, ce.exit_code]).toEqual([null, null, null]);
    expect([nzec.status.id, nzec.exit_code, unb64(nzec.stdout), unb64(nzec.message)]).toEqual([
      11,
      3,
      'out\n',
      'Exited with error status 3',
    ]);
    expect([segv.status.id, segv.exit_signal]).toEqual([7, 11]);
    expect([fpe.status.id, fpe.exit_signal]).toEqual([9, 8]);
    expect([abrt.status.id, abrt.exit_signal]).toEqual([10, 6]);
    expect([7, 11, 12]).toContain(memory.status.id);
  });

  it('is binary-exact in base64, answers valid UTF-8 as text, and refuses invalid UTF-8 without base64 (item 5)', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const echo = src('import sys; sys.stdout.buffer.write(sys.stdin.buffer.read())');
    const binary = await run({ language_id: 71, source_code: echo, stdin: bytes.toString('base64') });
    expect(Buffer.from(binary.stdout, 'base64').equals(bytes)).toBe(true);
    expect(Buffer.from(binary.stdin, 'base64').equals(bytes)).toBe(true);
    const path = `/judge0/submissions/${binary.token}`;
    const asText = await stack.request('GET', `${path}?fields=stdout`, { key: stack.userKey });
    expect(asText.status).toBe(400);
    expect(asText.body.error).toMatch(/cannot be converted to UTF-8, use base64_encoded=true/);
    const waited = await stack.request('POST', '/judge0/submissions?wait=true&base64_encoded=true', {
      key: stack.userKey,
      body: { language_id: 71, source_code: echo, stdin: '/w==' /* the byte 0xff */, wall_time_limit: 20 },
    });
    expect(waited.status).toBe(201);
    const plain = await stack.request('GET', `/judge0/submissions/${waited.body.token}`, { key: stack.userKey });
    expect(plain.status).toBe(400);
    const waitedPlain = await stack.request('POST', '/judge0/submissions?wait=true', {
      key: stack.userKey,
      body: { language_id: 71, source_code: 'import sys; sys.stdout.buffer.write(b"\\xff")', wall_time_limit: 20 },
    });
    expect(waitedPlain.status).toBe(201);
    expect(waitedPlain.body).toEqual({ token: waitedPlain.body.token, error: expect.stringMatching(/cannot be converted to UTF-8/) });
    const utf8 = await stack.request('POST', '/judge0/submissions?wait=true', {
      key: stack.userKey,
      body: { language_id: 71, source_code: 'print("héllo ✓")', wall_time_limit: 20 },
    });
    expect([utf8.status, utf8.body.stdout, utf8.body.status.id]).toEqual([201, 'héllo ✓\n', 3]);
    expect(Object.keys(utf8.body).sort()).toEqual(['compile_output', 'memory', 'message', 'status', 'stderr', 'stdout', 'time', 'token']);
    expect(sdkProblems(utf8.body, false)).toEqual([]);
  });

  it('splits command_line_arguments as shell words, passes compiler_options, and refuses what runq does not offer (item 8)', async () => {
    const args = await run({ language_id: 71, source_code: src('import sys; print(sys.argv[1:])'), command_line_arguments: `a "b c" 'd'` });
    expect(unb64(args.stdout)).toBe("['a', 'b c', 'd']\n");
    expect(args.command_line_arguments).toBe("a 'b c' d");
    const options = await run({ language_id: 50, source_code: src('int main(void){return 0;}'), compiler_options: '-O0 -Wall' });
    expect([options.status.id, options.compiler_options]).toEqual([3, '-O0 -Wall']);
    const refused = await stack.request('POST', '/judge0/submissions', {
      key: stack.userKey,
      body: {
        language_id: 71,
        source_code: 'print(1)',
        compiler_options: '-O2',
        enable_network: true,
        additional_files: b64('not a zip'),
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({
      compiler_options: ['setting compiler options is only allowed for compiled languages'],
      enable_network: ['enabling network is not allowed'],
      additional_files: ['is not a valid zip archive'],
    });
    const shellish = await stack.request('POST', '/judge0/submissions', {
      key: stack.userKey,
      body: { language_id: 50, source_code: 'int main(void){return 0;}', compiler_options: '-O2; rm -rf /' },
    });
    expect([shellish.status, Object.keys(shellish.body)]).toEqual([422, ['compiler_options']]);
    const notAllowed = await stack.request('POST', '/judge0/submissions', {
      key: stack.userKey,
      body: { language_id: 50, source_code: 'int main(void){return 0;}', compiler_options: '-fplugin=x.so' },
    });
    expect([notAllowed.status, Object.keys(notAllowed.body)]).toEqual([422, ['compiler_options']]);
  });

  it('extracts additional_files (a base64 zip) next to the source, and gives them back as a zip (item 8)', async () => {
    const archive = Buffer.from(
      zipSync({ 'helper.py': Buffer.from('def f():\n    return 42\n'), 'data/n.txt': Buffer.from('5') }),
    ).toString('base64');
    const result = await run({
      language_id: 71,
      source_code: src('import helper\nprint(helper.f() + int(open("data/n.txt").read()))'),
      additional_files: archive,
    });
    expect([result.status.id, unb64(result.stdout)]).toEqual([3, '47\n']);
    const back = unzipSync(Buffer.from(result.additional_files, 'base64'));
    expect(Object.keys(back).sort()).toEqual(['data/n.txt', 'helper.py']);
    const escape = await stack.request('POST', '/judge0/submissions', {
      key: stack.userKey,
      body: {
        language_id: 71,
        source_code: 'print(1)',
        additional_files: Buffer.from(zipSync({ '../x.py': Buffer.from('1') })).toString('base64'),
      },
    });
    expect([escape.status, escape.body]).toEqual([422, { additional_files: ["has a file outside the submission's directory: ../x.py"] }]);
  });

  it('maps limits in Judge0 units onto the job (seconds, KB, processes), visible in GET /jobs too', async () => {
    const created = await stack.request('POST', '/judge0/submissions', {
      key: stack.userKey,
      body: {
        language_id: 71,
        source_code: 'print(1)',
        cpu_time_limit: '1.5',
        wall_time_limit: 4,
        memory_limit: 131072,
        max_processes_and_or_threads: 20,
      },
    });
    expect(created.status).toBe(201);
    const job = await stack.request('GET', `/jobs/${created.body.token}`, { key: stack.userKey });
    expect(job.body.limits).toMatchObject({ cpuTimeMs: 1500, timeoutMs: 4000, memoryMb: 128, processes: 20 });
    const view = await stack.request(
      'GET',
      `/judge0/submissions/${created.body.token}?fields=cpu_time_limit,wall_time_limit,memory_limit,max_processes_and_or_threads`,
      { key: stack.userKey },
    );
    expect(view.body).toEqual({ cpu_time_limit: '1.5', wall_time_limit: '4.0', memory_limit: 131072, max_processes_and_or_threads: 20 });
  });
});
