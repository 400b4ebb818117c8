import { GatewayTimeoutException, InternalServerErrorException } from '@nestjs/common';
import type { RunqConfig } from '#config';
import { DomainError } from '#contracts';
import type { Job } from '#jobs';
import type { Caller } from '../../auth/caller';
import type { CreateJobDto } from '../../jobs/dto/create-job.dto';
import type { JobSubmissionService } from '../../jobs/job-submission.service';
import { OriginalShapesService } from './original-shapes.service';

const caller: Caller = { keyId: 'k1', role: 'user' };
const dto = { language: 'javascript', code: 'INPUTS', inputs: null } as CreateJobDto;
const config = { wait: { defaultMs: 30_000, maxMs: 60_000 }, maxima: { timeoutMs: 300_000 } } as RunqConfig;
const job = (over: Partial<Job>): Job =>
  ({
    id: 'j1',
    apiKeyId: 'k1',
    status: 'completed',
    outcome: 'ok',
    language: 'javascript',
    version: null,
    args: [],
    compileOptions: [],
    limits: { timeoutMs: 5000, cpuTimeMs: 5000, memoryMb: 128, cpus: 0.5, processes: 64, outputBytes: 65536 },
    encoding: 'utf8',
    comparison: null,
    compile: null,
    run: null,
    testResults: null,
    summary: null,
    timings: null,
    functionCall: { name: null, inputs: null },
    network: null,
    functionResult: { result: 1, logs: [], logsTruncated: false, error: null },
    callbackUrl: null,
    callback: null,
    message: null,
    attempts: 1,
    createdAt: new Date(0),
    startedAt: new Date(0),
    finishedAt: new Date(10),
    ...over,
  }) as Job;

function service(answer: () => Promise<{ job: Job; finished: boolean; replayed: boolean }>) {
  const createAndWait = jest.fn(answer);
  return { createAndWait, shapes: new OriginalShapesService({ createAndWait } as unknown as JobSubmissionService, config) };
}

describe('OriginalShapesService', () => {
  it('submits through the one job path with the longest wait and returns the finished job as presented', async () => {
    const { shapes, createAndWait } = service(async () => ({ job: job({}), finished: true, replayed: false }));
    await expect(shapes.run(dto, caller)).resolves.toMatchObject({ id: 'j1', status: 'completed', outcome: 'ok', result: 1 });
    expect(createAndWait).toHaveBeenCalledWith(dto, caller, 60_000);
  });

  it("returns the user's failures as they are: they are the answer's to present", async () => {
    const { shapes } = service(async () => ({ job: job({ outcome: 'timeout', message: 'time limit' }), finished: true, replayed: false }));
    await expect(shapes.run(dto, caller)).resolves.toMatchObject({ outcome: 'timeout' });
  });

  it('is a 504 naming the job when the wait runs out, and a 500 when the platform could not run it', async () => {
    const running = service(async () => ({ job: job({ status: 'running', outcome: null }), finished: false, replayed: false }));
    await expect(running.shapes.run(dto, caller)).rejects.toThrow(GatewayTimeoutException);
    await expect(running.shapes.run(dto, caller)).rejects.toThrow(/job j1 is still running after 60000 ms/);
    const failed = service(async () => ({
      job: job({ status: 'failed', outcome: 'internal_error', message: 'worker lost' }),
      finished: true,
      replayed: false,
    }));
    await expect(failed.shapes.run(dto, caller)).rejects.toThrow(InternalServerErrorException);
    await expect(failed.shapes.run(dto, caller)).rejects.toThrow(/could not be run: worker lost/);
  });

  it('names refused fields as the shape calls them', async () => {
    const { shapes } = service(async () => {
      throw DomainError.invalid('code must not be empty', 'code');
    });
    await expect(shapes.run(dto, caller, { code: 'script' })).rejects.toMatchObject({
      field: 'script',
      message: 'script must not be empty',
    });
  });
});
