/**
 * Conformance: the same programs (hello, stdin, args, exit code, runtime error, compile
 * error, two files) in every language of the catalog, through POST /execute on a real
 * API + worker + Docker. Programs live in ./conformance/programs.ts.
 *
 * Jobs go through one client-side limiter (CONCURRENCY in flight). Each language's
 * beforeAll starts its own cases and those of the next language, then waits for its own,
 * so the worker never idles between languages while each hook only waits for its cases.
 * At the end, each language's hello world runs 3 times in a row, alone, and a markdown
 * table of the medians is printed (for the README).
 */
import type { LanguageDefinition } from '#languages';
import { LANGUAGES } from '#languages';
import {
  ARGS,
  ARGS_STDOUT,
  conformanceLanguages,
  isNotApplicable,
  JVM_RUN_LIMITS,
  PROGRAMS,
  SUM_STDIN,
  SUM_STDOUT,
  TWO_FILES_STDOUT,
  type CaseName,
  type LanguagePrograms,
} from './conformance/programs';
import { conformanceTable, type LanguageReport } from './conformance/report';
import { eventually } from './support/eventually';
import { Stack } from './support/stack';

const CONCURRENCY = 4;
/** Below Stack.request's 60 s abort; a job still running after it is polled instead. */
const WAIT_MS = 50_000;
/** Server defaults the catalog may override (RUNQ_COMPILE_TIMEOUT_MS, RUNQ_DEFAULT_TIMEOUT_MS). */
const DEFAULT_COMPILE_TIMEOUT_MS = 10_000;
const DEFAULT_RUN_TIMEOUT_MS = 5_000;
/**
 * Every case and timed hello world runs with at least this wall-clock limit: the suite checks
 * what programs print and how they end, not how fast a busy host starts a VM (Elixir, R and
 * Erlang take 1–1.5 s here and several times that on a loaded CI host).
 */
const CASE_RUN_TIMEOUT_MS = 20_000;
const TIMING_RUNS = 3;
const VERSION = /^\d+\.\d+/;

jest.setTimeout(120_000);

let stack: Stack;
const suiteStarted = Date.now();

beforeAll(async () => {
  stack = await Stack.start('conformance');
});
afterAll(async () => {
  await stack?.stop();
  console.log(`conformance suite: ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s wall time`);
});

// ------------------------------------------------------------------ plumbing

interface Stage {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  wallMs: number | null;
}

interface Job {
  id: string;
  status: string;
  outcome: string | null;
  language: string;
  version: string | null;
  compile: Stage | null;
  run: Stage | null;
  message: string | null;
  totalMs: number | null;
}

interface Executed {
  httpStatus: number;
  job: Job;
  clientMs: number;
}

/** FIFO limiter: at most `size` functions running at once. */
class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((start) => this.waiting.push(start));
    else this.running++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // hands its slot over
      else this.running--;
    }
  }
}

const limiter = new Limiter(CONCURRENCY);

/** The longest a single job of this language may legitimately take, queueing aside. */
function jobBudgetMs(language: LanguageDefinition, programs: LanguagePrograms | undefined): number {
  const compile = language.compile ? (language.compileLimits?.timeoutMs ?? DEFAULT_COMPILE_TIMEOUT_MS) : 0;
  const run = Math.max(CASE_RUN_TIMEOUT_MS, programs?.limits?.timeoutMs ?? language.limits?.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS);
  return compile + run + 15_000; // container start-up, archive transfer, result write
}

/** POST /execute (bounded wait), then poll the job if it is still running. */
async function execute(body: object, budgetMs: number): Promise<Executed> {
  const started = performance.now();
  const res = await stack.request<Job>('POST', `/execute?waitMs=${WAIT_MS}`, { body });
  let job = res.body;
  if (res.status === 202) {
    job = await stack.waitFor(job.id, (j: Job) => ['completed', 'failed', 'cancelled'].includes(j.status), budgetMs);
  } else if (res.status !== 200) {
    throw new Error(`POST /execute answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return { httpStatus: res.status, job, clientMs: performance.now() - started };
}

// ------------------------------------------------------------------ cases

interface CaseSpec {
  name: CaseName;
  body: Record<string, unknown>;
  check: (job: Job) => void;
}

type Skipped = { name: CaseName; skip: string };

function expectOk(job: Job, stdout: string): void {
  expect(job.outcome).toBe('ok');
  expect(job.run).toMatchObject({ stdout, exitCode: 0, signal: null });
}

/** The cases of one language, in a fixed order; non-applicable ones come back as Skipped. */
/** The program's own limits, with a wall-clock limit of at least CASE_RUN_TIMEOUT_MS. */
function caseLimits(language: LanguageDefinition, programs: LanguagePrograms): Record<string, number> {
  const own = programs.limits?.timeoutMs ?? language.limits?.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
  return { ...programs.limits, timeoutMs: Math.max(CASE_RUN_TIMEOUT_MS, own) };
}

function casesFor(language: LanguageDefinition, programs: LanguagePrograms): (CaseSpec | Skipped)[] {
  const base = { language: language.id, limits: caseLimits(language, programs) };
  const compiled = Boolean(language.compile);
  const cases: (CaseSpec | Skipped)[] = [
    { name: 'hello', body: { ...base, code: programs.hello }, check: (job) => expectOk(job, 'hello\n') },
  ];

  cases.push(
    isNotApplicable(programs.sum)
      ? { name: 'sum', skip: programs.sum.notApplicable }
      : { name: 'sum', body: { ...base, code: programs.sum, stdin: SUM_STDIN }, check: (job) => expectOk(job, SUM_STDOUT) },
  );
  cases.push(
    isNotApplicable(programs.args)
      ? { name: 'args', skip: programs.args.notApplicable }
      : { name: 'args', body: { ...base, code: programs.args, args: ARGS }, check: (job) => expectOk(job, ARGS_STDOUT) },
  );

  const { exit3, runtimeError } = programs;
  cases.push(
    isNotApplicable(exit3)
      ? { name: 'exit3', skip: exit3.notApplicable }
      : {
          name: 'exit3',
          body: { ...base, code: exit3 },
          check: (job) => {
            expect(job.outcome).toBe('runtime_error');
            expect(job.run).toMatchObject({ exitCode: 3, signal: null });
          },
        },
  );

  cases.push(
    isNotApplicable(runtimeError)
      ? { name: 'runtimeError', skip: runtimeError.notApplicable }
      : {
          name: 'runtimeError',
          body: { ...base, code: runtimeError.code },
          check: (job) => {
            expect(job.outcome).toBe('runtime_error');
            const run = job.run!;
            expect(run.exitCode !== 0 || run.signal !== null).toBe(true);
            expect(run.stderr.trim()).not.toBe('');
            expect(run.stderr).toMatch(runtimeError.expect);
          },
        },
  );

  if (compiled && programs.compileError) {
    const { code, expect: pattern } = programs.compileError;
    cases.push({
      name: 'compileError',
      body: { ...base, code },
      check: (job) => {
        expect(job.outcome).toBe('compile_error');
        expect(job.run).toBeNull();
        expect(job.compile).not.toBeNull();
        expect(job.compile!.exitCode).not.toBe(0);
        const output = job.compile!.stdout + job.compile!.stderr;
        expect(output.trim()).not.toBe('');
        expect(output).toMatch(pattern);
      },
    });
  }

  cases.push({
    name: 'twoFiles',
    body: { ...base, files: programs.twoFiles },
    check: (job) => expectOk(job, TWO_FILES_STDOUT),
  });
  return cases;
}

type Outcome = { executed: Executed } | { error: Error };

const started = new Map<string, Promise<Map<CaseName, Outcome>>>();

/** Starts every case of a language through the limiter (once); never rejects. */
function startLanguage(language: LanguageDefinition): Promise<Map<CaseName, Outcome>> {
  let pending = started.get(language.id);
  if (pending) return pending;
  const programs = PROGRAMS[language.id];
  const specs = programs ? casesFor(language, programs).filter((c): c is CaseSpec => !('skip' in c)) : [];
  const budget = jobBudgetMs(language, programs);
  pending = Promise.all(
    specs.map(async (spec): Promise<[CaseName, Outcome]> => {
      try {
        return [spec.name, { executed: await limiter.run(() => execute(spec.body, budget)) }];
      } catch (error) {
        return [spec.name, { error: error as Error }];
      }
    }),
  ).then((entries) => new Map(entries));
  started.set(language.id, pending);
  return pending;
}

/** A readable dump of a job for failure messages. */
function describeJob(job: Job): string {
  const stage = (s: Stage | null) =>
    s
      ? `exit=${s.exitCode} signal=${s.signal}\n  stdout=${JSON.stringify(s.stdout)}\n  stderr=${JSON.stringify(s.stderr.slice(0, 2000))}`
      : 'null';
  return [
    `job ${job.id}: status=${job.status} outcome=${job.outcome} version=${job.version} message=${job.message}`,
    ` compile: ${stage(job.compile)}`,
    ` run: ${stage(job.run)}`,
  ].join('\n');
}

// ------------------------------------------------------------------ the suite

const languages = conformanceLanguages();
const reports = new Map<string, LanguageReport>(
  languages.map(({ language }) => [language.id, { language, passed: 0, failed: 0, skipped: 0, clientMs: [], totalMs: [] }]),
);

describe('every language of the catalog has conformance programs', () => {
  it.each(languages.map(({ language, programs }) => [language.id, language, programs] as const))('%s', (_id, language, programs) => {
    expect(programs).toBeDefined();
    // compileError is exactly for languages with a compile stage.
    expect(programs!.compileError !== undefined).toBe(Boolean(language.compile));
    expect(programs!.twoFiles.length).toBeGreaterThanOrEqual(2);
    expect(programs!.twoFiles[0].name.endsWith(language.fileName.slice(language.fileName.lastIndexOf('.')))).toBe(true);
  });

  it('has no programs for languages that are not in the catalog', () => {
    const ids = new Set(languages.map(({ language }) => language.id));
    expect(Object.keys(PROGRAMS).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe.each(languages.map(({ language, programs }, index) => [language.id, language, programs, index] as const))(
  '%s',
  (id, language, programs, index) => {
    let results = new Map<CaseName, Outcome>();
    const hookTimeout = 2 * jobBudgetMs(language, programs) + 60_000;

    beforeAll(async () => {
      if (!programs) return;
      const own = startLanguage(language);
      const next = languages[index + 1];
      if (next?.programs) void startLanguage(next.language); // keep the worker busy meanwhile
      results = await own;
    }, hookTimeout);

    if (!programs) {
      it('has conformance programs', () => {
        throw new Error(`no conformance programs for "${id}": add them to test/e2e/conformance/programs.ts`);
      });
      return;
    }

    for (const spec of casesFor(language, programs)) {
      const report = reports.get(id)!;
      if ('skip' in spec) {
        report.skipped++;
        it.skip(`${spec.name} (not applicable: ${spec.skip})`, () => undefined);
        continue;
      }
      it(spec.name, () => {
        report.failed++; // until it passes
        const result = results.get(spec.name);
        if (!result) throw new Error(`${id} ${spec.name}: no result`);
        if ('error' in result) throw result.error;
        const { job } = result.executed;
        try {
          expect(job.status).toBe('completed');
          expect(job.language).toBe(id);
          expect(job.version).toMatch(VERSION);
          if (language.compile) expect(job.compile).not.toBeNull();
          else expect(job.compile).toBeNull();
          if (job.compile && spec.name !== 'compileError') expect(job.compile.exitCode).toBe(0);
          spec.check(job);
          report.failed--;
          report.passed++;
        } catch (error) {
          (error as Error).message += `\n\n${describeJob(job)}`;
          throw error;
        }
      });
    }
  },
);

describe('hello world timings', () => {
  afterAll(() => console.log(conformanceTable([...reports.values()], TIMING_RUNS)));

  it.each(languages.filter(({ programs }) => programs).map(({ language, programs }) => [language.id, language, programs!] as const))(
    '%s',
    async (id, language, programs) => {
      const report = reports.get(id)!;
      const body = { language: id, code: programs.hello, limits: caseLimits(language, programs) };
      for (let i = 0; i < TIMING_RUNS; i++) {
        let executed: Executed;
        try {
          executed = await execute(body, jobBudgetMs(language, programs));
        } catch (error) {
          report.failure = (error as Error).message;
          throw error;
        }
        const { job, clientMs } = executed;
        if (job.outcome !== 'ok' || job.run?.stdout !== 'hello\n' || job.totalMs === null) {
          report.failure = describeJob(job);
          throw new Error(`${id} hello world failed:\n${report.failure}`);
        }
        report.version = job.version ?? '?';
        report.clientMs.push(clientMs);
        report.totalMs.push(job.totalMs);
      }
    },
    // TIMING_RUNS sequential jobs, each within its budget.
    TIMING_RUNS * Math.max(...languages.map(({ language, programs }) => jobBudgetMs(language, programs))),
  );
});

describe('toolchain versions and options', () => {
  const java = LANGUAGES.find((l) => l.id === 'java')!;
  const typescript = PROGRAMS.typescript;
  const budget = jobBudgetMs(java, PROGRAMS.java);

  it('offers every version of a toolchain in GET /languages, the default first', async () => {
    const res = await stack.request('GET', '/languages');
    const view = res.body.find((l: { id: string }) => l.id === 'java');
    expect(view.versions).toHaveLength(2);
    expect(view.versions[0]).toBe(view.version);
    expect(view.versions.map((v: string) => v.split('.')[0])).toEqual(['25', '21']);
  });

  it('runs the Java version a job asks for', async () => {
    const code = 'public class Main { public static void main(String[] a) { System.out.println(Runtime.version().feature()); } }\n';
    const [older, standard] = await Promise.all(
      [{ version: '21' }, {}].map((v) => execute({ language: 'java', code, ...v, limits: JVM_RUN_LIMITS }, budget)),
    );
    expect(older.job).toMatchObject({ outcome: 'ok', version: expect.stringMatching(/^21\./), run: { stdout: '21\n' } });
    expect(standard.job).toMatchObject({ outcome: 'ok', version: expect.stringMatching(/^25\./), run: { stdout: '25\n' } });
    const missing = await stack.request('POST', '/execute', { body: { language: 'java', version: '8', code } });
    expect(missing.status).toBe(400);
  });

  it('type-checks TypeScript, with Node declarations, only when a job asks for it', async () => {
    const wrong = 'import * as fs from "fs";\nconst size: string = fs.statSync("main.ts").size;\nconsole.log(typeof size);\n';
    const [checked, unchecked, fine] = await Promise.all([
      execute({ language: 'typescript', code: wrong, compileOptions: ['--typecheck'] }, 60_000),
      execute({ language: 'typescript', code: wrong }, 60_000),
      execute({ language: 'typescript', code: typescript.sum as string, stdin: SUM_STDIN, compileOptions: ['--strict'] }, 60_000),
    ]);
    expect(checked.job.outcome).toBe('compile_error');
    expect(checked.job.compile!.stdout).toMatch(/main\.ts\(2,7\): error TS2322: Type 'number' is not assignable to type 'string'/);
    expect(unchecked.job).toMatchObject({ outcome: 'ok', run: { stdout: 'number\n' } });
    expect(fine.job).toMatchObject({ outcome: 'ok', run: { stdout: SUM_STDOUT } });
  });
});

describe('the catalog hello programs (docs, playground, smoke tests)', () => {
  it('print hello in every language, submitted as one batch', async () => {
    const jobs = LANGUAGES.map((language) => ({ language: language.id, code: language.hello, limits: { timeoutMs: 20_000 } }));
    const created = await stack.request('POST', '/jobs/batch', { body: { jobs } });
    expect(created.status).toBe(200);
    const ids: string[] = created.body.items.map((item: { id?: string; error?: unknown }) => {
      if (!item.id) throw new Error(`not created: ${JSON.stringify(item.error)}`);
      return item.id;
    });
    type Finished = { language: string; status: string; outcome: string; run: { stdout: string } | null };
    const finished = await eventually(
      async () => {
        const items: Finished[] = (await stack.request('GET', `/jobs?ids=${ids.join(',')}`)).body.items;
        const pending = items.filter((job) => !['completed', 'failed', 'cancelled'].includes(job.status));
        if (pending.length) throw new Error(`not finished: ${pending.map((job) => `${job.language} (${job.status})`).join(', ')}`);
        return items;
      },
      { timeoutMs: 300_000, intervalMs: 500 },
    );
    const results = Object.fromEntries(
      finished.map((job) => [job.language, job.outcome === 'ok' ? job.run?.stdout : `${job.status}/${job.outcome}`]),
    );
    expect(results).toEqual(Object.fromEntries(LANGUAGES.map((l) => [l.id, 'hello\n'])));
  }, 400_000);
});
