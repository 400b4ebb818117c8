import type { JobView } from '#contracts';
import { consoleExecuteAnswer, scriptCallAnswer } from './function-answer.mapper';
import type { NextFunction, Request, Response } from 'express';
import { originalErrorBodies, toOriginalError } from './original-error-bodies';
import { programExecuteAnswer, runAnswer } from './program-answer.mapper';

const stage = (stdout: string, stderr: string, exitCode: number | null) => ({
  stdout,
  stderr,
  encoding: 'utf8' as const,
  exitCode,
  signal: null,
  wallMs: 37,
  cpuMs: 20,
  memoryBytes: 1,
  truncated: false,
});

const view = (over: Partial<JobView>): JobView =>
  ({
    id: 'j1',
    status: 'completed',
    outcome: 'ok',
    language: 'javascript',
    compile: null,
    run: stage('', '', 0),
    totalMs: 90,
    message: null,
    finishedAt: '2026-12-01T08:00:00.000Z',
    ...over,
  }) as JobView;

const logs = [
  { ts: '2026-12-01T08:00:00.041Z', level: 'log' as const, message: 'sum { a: 1 }', args: ['sum', { a: 1 }] },
  { ts: '2026-12-01T08:00:00.042Z', level: 'warn' as const, message: '[egress] GET https://x → 200 (3 ms)' },
];
const thrown = { name: 'TypeError', message: 'bad', stack: 'TypeError: bad\n    at /work/main.js:1:1', line: 1, column: 1 };

describe('function-mode answers', () => {
  it('POST /: result and logs with epoch-ms ts; any failure of the code is {"error"}, a timeout in the original words', () => {
    expect(scriptCallAnswer(view({ result: 5, logs }))).toEqual({
      result: 5,
      logs: [
        { ts: Date.parse(logs[0].ts), level: 'log', message: 'sum { a: 1 }' },
        { ts: Date.parse(logs[1].ts), level: 'warn', message: logs[1].message },
      ],
    });
    expect(scriptCallAnswer(view({ outcome: 'runtime_error', error: thrown, result: null }))).toEqual({ error: 'bad' });
    expect(scriptCallAnswer(view({ outcome: 'timeout', message: 'time limit of 500 ms exceeded' }))).toEqual({
      error: 'Execution timeout',
    });
    expect(scriptCallAnswer(view({ outcome: 'memory_limit' }))).toEqual({ error: 'Memory limit exceeded' });
  });

  it('POST /api/execute without language: logged values as data (text where there are none), error object or false', () => {
    expect(consoleExecuteAnswer(view({ result: 3, logs }))).toEqual({
      status: 'success',
      result: 3,
      error: false,
      log: [
        { type: 'log', timestamp: logs[0].ts, data: ['sum', { a: 1 }] },
        { type: 'warn', timestamp: logs[1].ts, data: [logs[1].message] },
      ],
      executionTime: 37,
    });
    expect(consoleExecuteAnswer(view({ outcome: 'runtime_error', error: thrown, result: null, logs: [] }))).toMatchObject({
      status: 'error',
      error: { name: 'TypeError', message: 'bad', stack: thrown.stack },
    });
    expect(consoleExecuteAnswer(view({ outcome: 'timeout', run: null, error: null }))).toMatchObject({
      status: 'error',
      error: { name: 'TimeoutError', message: 'Execution timeout', stack: null },
      executionTime: 90,
    });
  });
});

describe('program answers', () => {
  it('POST /api/execute with language: success is exit 0, output stdout, error stderr', () => {
    expect(programExecuteAnswer(view({ language: 'python', run: stage('5\n', '', 0) }), 'py')).toEqual({
      success: true,
      language: 'py',
      output: '5\n',
      error: '',
      exitCode: 0,
      executionTime: 37,
      timestamp: '2026-12-01T08:00:00.000Z',
    });
    expect(programExecuteAnswer(view({ outcome: 'runtime_error', run: stage('', 'bad\n', 3) }), 'python')).toMatchObject({
      success: false,
      exitCode: 3,
    });
  });

  it('POST /run: output is stdout then stderr; a compile error shows the compiler; a limit is told on stderr', () => {
    expect(runAnswer(view({ run: stage('a\n', 'b\n', 0) }))).toEqual({ stdout: 'a\n', stderr: 'b\n', exitCode: 0, output: 'a\nb\n' });
    expect(runAnswer(view({ outcome: 'compile_error', compile: stage('', 'main.c:1: error\n', 1), run: null }))).toEqual({
      stdout: '',
      stderr: 'main.c:1: error\n',
      exitCode: 1,
      output: 'main.c:1: error\n',
    });
    const timedOut = runAnswer(view({ outcome: 'timeout', message: 'time limit exceeded', run: stage('x', 'partial', null) }));
    expect(timedOut).toEqual({
      stdout: 'x',
      stderr: 'partial\ntime limit exceeded\n',
      exitCode: null,
      output: 'xpartial\ntime limit exceeded\n',
    });
    const binary = runAnswer(view({ run: { ...stage(Buffer.from('hi').toString('base64'), '', 0), encoding: 'base64' } }));
    expect(binary.stdout).toBe('hi');
  });
});

describe('toOriginalError', () => {
  it('turns native error bodies into {"error"}', () => {
    expect(toOriginalError({ statusCode: 400, message: ['a is wrong', 'b is wrong'], error: 'Bad Request' })).toEqual({
      error: 'a is wrong; b is wrong',
    });
    expect(toOriginalError({ statusCode: 401, message: 'an API key is required', error: 'Unauthorized' })).toEqual({
      error: 'an API key is required',
    });
    expect(toOriginalError({ statusCode: 500 })).toEqual({ error: 'request failed' });
    expect(toOriginalError(undefined)).toEqual({ error: 'request failed' });
  });
});

describe('originalErrorBodies', () => {
  /** What a response on `path` sends for `status` once the middleware has run. */
  function sent(path: string, status: number, body: object): unknown {
    let out: unknown;
    const res = { statusCode: status, json: (value: unknown) => (out = value) } as unknown as Response;
    const next = jest.fn() as NextFunction;
    originalErrorBodies({ path } as Request, res, next);
    expect(next).toHaveBeenCalled();
    res.json(body);
    return out;
  }
  const native = { statusCode: 400, message: 'body is not valid JSON', error: 'Bad Request' };

  it('rewrites error bodies on the original paths only, and leaves answers below 400 alone', () => {
    for (const path of ['/', '/api/execute', '/api/languages', '/api/system', '/run/python', '/run/c/'])
      expect([path, sent(path, 400, native)]).toEqual([path, { error: 'body is not valid JSON' }]);
    for (const path of ['/execute', '/jobs', '/api/other', '/run/a/b', '/piston/api/v2/execute', '/judge0/submissions'])
      expect([path, sent(path, 400, native)]).toEqual([path, native]);
    expect(sent('/api/execute', 200, { status: 'success' })).toEqual({ status: 'success' });
  });
});
