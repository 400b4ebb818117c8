import { loadConfig } from '#config';
import { DomainError } from '#contracts';
import type { Job, NewJob } from '#jobs';
import { LanguageRegistry } from '#languages';
import type { LanguagesService } from '../languages/languages.service';
import type { CreateJobDto } from './dto/create-job.dto';
import { JobRequestFactory } from './job-request.factory';

const ENV = { DATABASE_URL: 'postgresql://x', REDIS_URL: 'redis://x', RUNQ_EGRESS_ALLOW: '*.example.com' };
const installed = { installed: () => ({ python: '3.11.2', javascript: '22.1.0', c: '12.2.0' }) } as unknown as LanguagesService;
const factory = new JobRequestFactory(loadConfig(ENV), new LanguageRegistry(), installed);

/** The stored job a request became (as the repository would return it once it ran). */
function stored(draft: NewJob): Job {
  return {
    functionCall: null,
    network: null,
    artifactPatterns: null,
    ...draft,
    status: 'completed',
    outcome: 'ok',
    compile: null,
    run: null,
    testResults: null,
    summary: null,
    timings: null,
    functionResult: null,
    artifacts: null,
    callback: null,
    message: null,
    attempts: 1,
    workerId: 'w1',
    createdAt: new Date(),
    startedAt: new Date(),
    finishedAt: new Date(),
  };
}

const REQUEST_FIELDS = [
  'language',
  'version',
  'files',
  'stdin',
  'args',
  'compileOptions',
  'limits',
  'encoding',
  'expectedOutput',
  'comparison',
  'tests',
  'functionCall',
  'network',
  'artifactPatterns',
  'runs',
  'redirectStderr',
] as const satisfies readonly (keyof NewJob)[];
/** Fails to compile when NewJob gains a field this list (or the three a re-run changes) does not name. */
const listsEveryField: [
  Exclude<keyof NewJob, (typeof REQUEST_FIELDS)[number] | 'id' | 'apiKeyId' | 'callbackUrl' | 'callbackFormat'>,
] extends [never]
  ? true
  : false = true;

/** Everything of a request that a re-run must keep: all but the identity, the owner and the webhook. */
function requestFields(job: NewJob) {
  return Object.fromEntries(REQUEST_FIELDS.map((k) => [k, job[k] ?? null]));
}

describe('JobRequestFactory.rebuild (re-run)', () => {
  it('compares every request field of a job', () => expect(listsEveryField).toBe(true));

  it('keeps the function call, its inputs and the network allow-list', () => {
    const source = stored(
      factory.build(
        {
          language: 'javascript',
          code: 'exports.run = async (i) => (await fetch("https://api.example.com")).status + i.n;',
          function: { name: 'run', inputs: { n: 1, nested: [{ a: null }] } },
          network: { allow: ['api.example.com'] },
          args: ['x'],
          limits: { timeoutMs: 3000 },
          callbackUrl: 'https://hooks.example.com/runq',
        },
        'owner',
      ),
    );
    const copy = factory.rebuild(source, 'admin');
    expect(requestFields(copy)).toEqual(requestFields(source));
    expect(copy.functionCall).toEqual({ name: 'run', inputs: { n: 1, nested: [{ a: null }] } });
    expect(copy.network).toEqual({ allow: ['api.example.com'] });
    expect(copy).toMatchObject({ apiKeyId: 'admin', callbackUrl: null });
    expect(copy.id).not.toBe(source.id);
  });

  it('keeps the expression form with top-level inputs', () => {
    const source = stored(factory.build({ language: 'python', code: 'INPUTS["x"] * 2', inputs: { x: 21 } }, 'owner'));
    expect(requestFields(factory.rebuild(source, 'admin'))).toEqual(requestFields(source));
    expect(factory.rebuild(source, 'admin').functionCall).toEqual({ name: null, inputs: { x: 21 } });
  });

  it('keeps files and their order, stdin, args, compile options, limits, encoding and test cases', () => {
    const request: CreateJobDto = {
      language: 'c',
      files: [
        { name: 'lib.h', content: 'int twice(int);' },
        { name: 'main.c', content: 'aW50IG1haW4odm9pZCl7fQ==', encoding: 'base64' },
      ],
      entry: 'main.c',
      args: ['--flag', 'two words'],
      compileOptions: ['-O0', '-Wall'],
      limits: { timeoutMs: 1500, memoryMb: 48, cpus: 0.5, processes: 8, outputBytes: 4096 },
      encoding: 'base64',
      stdin: 'AAE=',
      comparison: { mode: 'float', epsilon: 0.001 },
      artifacts: ['out/*.bin'],
      tests: [
        { stdin: 'MQ==', expectedOutput: 'Mg==' },
        { stdin: '3', expectedOutput: '6', encoding: 'utf8', args: ['-v'], timeoutMs: 500 },
      ],
    };
    const source = stored(factory.build(request, 'owner'));
    const copy = factory.rebuild(source, 'admin');
    expect(requestFields(copy)).toEqual(requestFields(source));
    expect(copy.files.map((f) => f.name)).toEqual(['main.c', 'lib.h']);
    expect(copy.artifactPatterns).toEqual(['out/*.bin']);
    expect(copy.version).toBe('12.2.0');
  });

  it('keeps a single expected output and its comparison', () => {
    const source = stored(
      factory.build(
        { language: 'python', code: 'print(input())', stdin: 'hi', expectedOutput: 'HI', comparison: { mode: 'case_insensitive' } },
        'o',
      ),
    );
    expect(requestFields(factory.rebuild(source, 'admin'))).toEqual(requestFields(source));
  });

  it('refuses, naming the field, a copy the server can no longer run', () => {
    const source = stored(factory.build({ language: 'javascript', code: '1', inputs: {}, network: { allow: ['api.example.com'] } }, 'o'));
    const stricter = new JobRequestFactory(loadConfig({ ...ENV, RUNQ_EGRESS_ALLOW: 'other.org' }), new LanguageRegistry(), installed);
    expect(() => stricter.rebuild(source, 'admin')).toThrow(DomainError);
    expect(() => stricter.rebuild(source, 'admin')).toThrow(/network\.allow\[0\] "api\.example\.com" is outside/);
  });
});
