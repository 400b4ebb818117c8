import { Logger } from '@nestjs/common';
import type { RunqConfig } from '#config';
import type { ExecutionResult, JobLimits } from '#contracts';
import { JobFinisher, type JobRepository, type Job } from '#jobs';
import type { CallbackQueue, JobEvents } from '#messaging';
import { type ExecutionOutcome, type ExecutionRequest, type SandboxService } from '#sandbox';
import { LanguageRegistry } from '#languages';
import type { LanguageVersions } from '../fleet/language-versions';
import type { ExecutionObserver, FinishedJob } from './execution-observer';
import { ExecutionService, RequeueError } from './execution.service';
import { RunningExecutions } from './running-executions';

const JOB_ID = '6c0d7a9e-2f1b-4c3d-9e8f-a1b2c3d4e5f6';
const WORKER_ID = 'worker-1';
const LIMITS: JobLimits = { timeoutMs: 2000, cpuTimeMs: 2000, memoryMb: 64, cpus: 0.5, processes: 16, outputBytes: 4096 };
const RESULT: ExecutionResult = {
  outcome: 'ok',
  compile: null,
  run: { encoding: 'utf8', stdout: '1\n', stderr: '', exitCode: 0, signal: null, wallMs: 3, cpuMs: 2, memoryBytes: 1024, truncated: false },
  message: null,
};

function row(overrides: Partial<Job> = {}): Job {
  return {
    id: JOB_ID,
    language: 'py',
    files: [
      { name: 'main.py', content: 'print(1)', encoding: 'utf8' },
      { name: 'data.bin', content: Buffer.from([0, 1, 2]).toString('base64'), encoding: 'base64' },
    ],
    stdin: 'input',
    encoding: 'utf8',
    expectedOutput: null,
    tests: null,
    comparison: null,
    callbackUrl: null,
    args: ['--x'],
    limits: LIMITS,
    attempts: 2,
    status: 'running',
    ...overrides,
  } as unknown as Job;
}

describe('ExecutionService.attempt', () => {
  let jobs: { claim: jest.Mock; complete: jest.Mock; fail: jest.Mock; release: jest.Mock; recordCallback: jest.Mock };
  const claimReturns = (r: Job | null): void => void jobs.claim.mockResolvedValue(r && { kind: 'claimed', row: r });
  const config = { worker: { attempts: 3, resultWriteRetryMs: 2000 } } as RunqConfig;
  let events: { publishFinished: jest.Mock };
  let callbacks: { enqueue: jest.Mock };
  let execute: jest.Mock<Promise<ExecutionOutcome>, [ExecutionRequest]>;
  let running: RunningExecutions;
  // The real announcement over the fakes: what it publishes and schedules is what these tests check.
  const finisher = () =>
    new JobFinisher(
      jobs as unknown as JobRepository,
      events as unknown as JobEvents,
      { add: callbacks.enqueue } as unknown as CallbackQueue,
    );
  let service: ExecutionService;

  beforeEach(() => {
    // Faults are logged by design; keep the test output readable.
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jobs = {
      claim: jest.fn().mockResolvedValue({ kind: 'claimed', row: row() }),
      // The row as the completing write returns it: the claimed one, completed.
      complete: jest.fn(async () => ({ ...(await jobs.claim.mock.results.at(-1)?.value)?.row, status: 'completed' })),
      fail: jest.fn().mockResolvedValue(true),
      release: jest.fn().mockResolvedValue(true),
      recordCallback: jest.fn().mockResolvedValue(undefined),
    };
    events = { publishFinished: jest.fn().mockResolvedValue(undefined) };
    callbacks = { enqueue: jest.fn().mockResolvedValue(undefined) };
    execute = jest.fn<Promise<ExecutionOutcome>, [ExecutionRequest]>().mockResolvedValue({ ...RESULT });
    running = new RunningExecutions();
    service = new ExecutionService(
      jobs as unknown as JobRepository,
      finisher(),
      { execute } as unknown as SandboxService,
      new LanguageRegistry(),
      running,
      { of: (id: string) => (id === 'python' ? '3.11.2' : null) } as unknown as LanguageVersions,
      WORKER_ID,
      { 'runq.worker': WORKER_ID, 'runq.fleet': 'f1' },
      config,
    );
  });

  afterEach(() => jest.restoreAllMocks());

  it('skips a job it cannot claim, without touching the sandbox', async () => {
    claimReturns(null);
    await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).resolves.toBe('skipped');
    expect(jobs.claim).toHaveBeenCalledWith(JOB_ID, WORKER_ID, 3);
    expect(execute).not.toHaveBeenCalled();
    expect(events.publishFinished).not.toHaveBeenCalled();
  });

  it('runs the claimed row in the sandbox with its language, files, stdin, args and limits', async () => {
    await service.attempt({ jobId: JOB_ID, isFinalAttempt: false });
    expect(execute).toHaveBeenCalledTimes(1);
    const request = execute.mock.calls[0][0];
    expect(request.jobId).toBe(JOB_ID);
    expect(request.language.id).toBe('python');
    expect(request.files.map((f) => [f.name, [...f.data]])).toEqual([
      ['main.py', [...Buffer.from('print(1)')]],
      ['data.bin', [0, 1, 2]],
    ]);
    expect(request.stdin.toString()).toBe('input');
    expect(request.args).toEqual(['--x']);
    expect(request.limits).toEqual(LIMITS);
    expect(request.labels).toEqual({ 'runq.worker': WORKER_ID, 'runq.fleet': 'f1' });
    expect(request.signal?.aborted).toBe(false);
  });

  it('tracks the execution as running only while the sandbox runs', async () => {
    let during = -1;
    execute.mockImplementation(async () => {
      during = running.size;
      return { ...RESULT };
    });
    await service.attempt({ jobId: JOB_ID, isFinalAttempt: false });
    expect(during).toBe(1);
    expect(running.size).toBe(0);
  });

  it('writes the result for the claimed attempt and announces it', async () => {
    claimReturns(row({ attempts: 3 }));
    await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).resolves.toBe('completed');
    expect(jobs.complete).toHaveBeenCalledWith(JOB_ID, 3, expect.objectContaining({ outcome: 'ok', run: RESULT.run }), '3.11.2');
    // The written row rides on the event, so a waiting request need not read it again.
    expect(events.publishFinished).toHaveBeenCalledWith(JOB_ID, expect.stringContaining('"status":"completed"'));
    expect(jobs.fail).not.toHaveBeenCalled();
  });

  it('still completes when the announcement cannot be published', async () => {
    events.publishFinished.mockRejectedValue(new Error('redis down'));
    await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).resolves.toBe('completed');
  });

  it('reports superseded, and announces nothing, when another attempt owns the row', async () => {
    jobs.complete.mockResolvedValue(null);
    await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).resolves.toBe('superseded');
    expect(events.publishFinished).not.toHaveBeenCalled();
  });

  it('rethrows a sandbox fault on a non-final attempt without failing the job', async () => {
    const fault = new Error('docker engine unreachable');
    execute.mockRejectedValue(fault);
    await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).rejects.toBe(fault);
    expect(jobs.fail).not.toHaveBeenCalled();
    expect(jobs.complete).not.toHaveBeenCalled();
    expect(events.publishFinished).not.toHaveBeenCalled();
    expect(running.size).toBe(0);
  });

  it('fails the job on the final attempt, announces it, and still rethrows', async () => {
    const fault = new Error('docker engine unreachable');
    execute.mockRejectedValue(fault);
    await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: true })).rejects.toBe(fault);
    expect(jobs.fail).toHaveBeenCalledWith(JOB_ID, 2, expect.stringContaining('docker engine unreachable'));
    expect(events.publishFinished).toHaveBeenCalledWith(JOB_ID, undefined);
  });

  it('announces nothing when the final failure could not be written', async () => {
    execute.mockRejectedValue(new Error('boom'));
    jobs.fail.mockResolvedValue(false);
    await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: true })).rejects.toThrow('boom');
    expect(events.publishFinished).not.toHaveBeenCalled();
  });

  it('fails on a language this worker does not know, without running it', async () => {
    claimReturns(row({ language: 'intercal' }));
    await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: true })).rejects.toThrow(/intercal/);
    expect(execute).not.toHaveBeenCalled();
    expect(jobs.fail).toHaveBeenCalledWith(JOB_ID, 2, expect.stringContaining('intercal'));
  });

  it('reports cancelled when the sandbox was stopped for a cancel', async () => {
    execute.mockImplementation(async (request) => {
      expect(running.stop(JOB_ID, 'cancel')).toBe(true);
      expect(request.signal?.aborted).toBe(true);
      return { cancelled: true };
    });
    await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).resolves.toBe('cancelled');
    expect(jobs.complete).not.toHaveBeenCalled();
    expect(events.publishFinished).not.toHaveBeenCalled();
  });

  it('hands the job back with a RequeueError when the worker shuts down', async () => {
    execute.mockImplementation(async () => {
      running.stop(JOB_ID, 'shutdown');
      return { cancelled: true };
    });
    await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).rejects.toBeInstanceOf(RequeueError);
    expect(jobs.complete).not.toHaveBeenCalled();
    expect(jobs.fail).not.toHaveBeenCalled();
    expect(jobs.release).toHaveBeenCalledWith(JOB_ID, 2); // queued again, not `running` on nobody
    expect(running.size).toBe(0);
  });

  describe('crashes and outages', () => {
    const unreachable = () => Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: 'P1001' });

    it('fails a job handed out again after a crash when its attempts are spent, without running it', async () => {
      jobs.claim.mockResolvedValue({ kind: 'exhausted', row: row({ attempts: 3, workerId: 'w-dead' } as Partial<Job>) });
      await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).resolves.toBe('failed');
      expect(execute).not.toHaveBeenCalled();
      expect(jobs.fail).toHaveBeenCalledWith(JOB_ID, 3, expect.stringMatching(/attempt 3 of 3 stopped before it finished/));
      expect(events.publishFinished).toHaveBeenCalledWith(JOB_ID, undefined);
    });

    it('treats the last allowed attempt as final even when the queue has retries left', async () => {
      claimReturns(row({ attempts: 3 }));
      execute.mockRejectedValue(new Error('docker engine unreachable'));
      await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).rejects.toThrow('docker');
      expect(jobs.fail).toHaveBeenCalledWith(JOB_ID, 3, expect.stringContaining('docker engine unreachable'));
    });

    it('retries the result write while the database is unreachable, without running the job again', async () => {
      jobs.complete
        .mockRejectedValueOnce(unreachable())
        .mockRejectedValueOnce(unreachable())
        .mockResolvedValue(row({ status: 'completed' }));
      await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).resolves.toBe('completed');
      expect(execute).toHaveBeenCalledTimes(1);
      expect(jobs.complete).toHaveBeenCalledTimes(3);
      expect(events.publishFinished).toHaveBeenCalledTimes(1);
    });

    it('gives up on the write after RUNQ_RESULT_WRITE_RETRY_MS, so the queue retries the job', async () => {
      config.worker.resultWriteRetryMs = 300;
      jobs.complete.mockRejectedValue(unreachable());
      jobs.fail.mockRejectedValue(unreachable());
      try {
        await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).rejects.toMatchObject({ code: 'P1001' });
        expect(jobs.complete.mock.calls.length).toBeGreaterThan(1);
      } finally {
        config.worker.resultWriteRetryMs = 2000;
      }
    });

    it('does not retry a write that failed for another reason', async () => {
      jobs.complete.mockRejectedValue(new Error('value too long for type'));
      await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).rejects.toThrow('value too long');
      expect(jobs.complete).toHaveBeenCalledTimes(1);
    });

    it('hands the job back when the worker shuts down while the write is being retried', async () => {
      jobs.complete.mockImplementation(async () => {
        running.stop(JOB_ID, 'shutdown');
        throw unreachable();
      });
      await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).rejects.toBeInstanceOf(RequeueError);
      expect(jobs.complete).toHaveBeenCalledTimes(1);
      expect(jobs.release).toHaveBeenCalledWith(JOB_ID, 2);
    });
  });

  describe('judging inputs and webhooks', () => {
    it('decodes base64 stdin, expected output and test cases for the sandbox', async () => {
      claimReturns(
        row({
          encoding: 'base64',
          stdin: Buffer.from([0, 255]).toString('base64'),
          expectedOutput: Buffer.from('ok').toString('base64'),
          tests: [{ stdin: 'AAE=', expectedOutput: 'Mg==', encoding: 'base64', timeoutMs: 300 }],
          comparison: { mode: 'exact' },
        }),
      );
      await service.attempt({ jobId: JOB_ID, isFinalAttempt: false });
      const request = execute.mock.calls[0][0];
      expect([...request.stdin]).toEqual([0, 255]);
      expect(request.expectedOutput!.toString()).toBe('ok');
      expect(request.tests).toEqual([{ stdin: Buffer.from([0, 1]), expectedOutput: Buffer.from('2'), timeoutMs: 300 }]);
      expect(request.comparison).toEqual({ mode: 'exact' });
    });

    it('schedules the webhook after the result is written, only for jobs with a callbackUrl', async () => {
      await service.attempt({ jobId: JOB_ID, isFinalAttempt: false });
      expect(callbacks.enqueue).not.toHaveBeenCalled();
      claimReturns(row({ callbackUrl: 'https://example.com/hook' }));
      await service.attempt({ jobId: JOB_ID, isFinalAttempt: false });
      expect(callbacks.enqueue).toHaveBeenCalledWith(JOB_ID);
      expect(jobs.complete.mock.invocationCallOrder[1]).toBeLessThan(callbacks.enqueue.mock.invocationCallOrder[0]);
    });

    it('still completes when the webhook cannot be scheduled', async () => {
      claimReturns(row({ callbackUrl: 'https://example.com/hook' }));
      callbacks.enqueue.mockRejectedValue(new Error('redis down'));
      await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).resolves.toBe('completed');
    });
  });

  describe('observer (metrics)', () => {
    let claimed: [string, number][];
    let finished: FinishedJob[];
    beforeEach(() => {
      claimed = [];
      finished = [];
      const observer: ExecutionObserver = { claimed: (l, s) => claimed.push([l, s]), finished: (job) => finished.push(job) };
      service = new ExecutionService(
        jobs as unknown as JobRepository,
        finisher(),
        { execute } as unknown as SandboxService,
        new LanguageRegistry(),
        running,
        { of: () => null } as unknown as LanguageVersions,
        WORKER_ID,
        {},
        config,
        observer,
      );
    });

    const timed = (attempts: number) =>
      row({
        attempts,
        createdAt: new Date('2026-01-01T00:00:00.000Z'),
        startedAt: new Date('2026-01-01T00:00:01.500Z'),
      } as Partial<Job>);

    it('reports the queue wait of a first claim under the language id, then the outcome', async () => {
      claimReturns(timed(1));
      await service.attempt({ jobId: JOB_ID, isFinalAttempt: false });
      expect(claimed).toEqual([['python', 1.5]]);
      expect(finished).toEqual([{ language: 'python', status: 'completed', outcome: 'ok', runSeconds: expect.any(Number) }]);
    });

    it('does not count the wait of a retry, whose start is not the first', async () => {
      claimReturns(timed(2));
      await service.attempt({ jobId: JOB_ID, isFinalAttempt: false });
      expect(claimed).toEqual([]);
    });

    it('reports a failed job only once it is marked failed, and nothing for a superseded one', async () => {
      execute.mockRejectedValue(new Error('boom'));
      await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: false })).rejects.toThrow('boom');
      expect(finished).toEqual([]);
      await expect(service.attempt({ jobId: JOB_ID, isFinalAttempt: true })).rejects.toThrow('boom');
      expect(finished).toEqual([expect.objectContaining({ status: 'failed', outcome: 'internal_error' })]);
      execute.mockResolvedValue({ ...RESULT });
      jobs.complete.mockResolvedValue(false);
      await service.attempt({ jobId: JOB_ID, isFinalAttempt: false });
      expect(finished).toHaveLength(1);
    });

    it('reports a cancelled job with outcome none', async () => {
      execute.mockImplementation(async () => {
        running.stop(JOB_ID, 'cancel');
        return { cancelled: true };
      });
      await service.attempt({ jobId: JOB_ID, isFinalAttempt: false });
      expect(finished).toEqual([expect.objectContaining({ status: 'cancelled', outcome: 'none' })]);
    });
  });
});
