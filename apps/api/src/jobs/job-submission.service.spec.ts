import type { Redis } from 'ioredis';
import type { RunqConfig } from '#config';
import { DomainError, type JobStatus } from '#contracts';
import type { Job, JobFinisher, JobRepository, NewJob } from '#jobs';
import type { ExecutionQueues, JobEvents } from '#messaging';
import type { Caller } from '../auth/caller';
import type { CreateJobDto } from './dto/create-job.dto';
import { IdempotencyStore } from './idempotency.store';
import { JobIntake } from './job-intake';
import type { JobRequestFactory } from './job-request.factory';
import { JobSubmissionService } from './job-submission.service';
import type { JobWaiter } from './job-waiter';
import type { QueueAdmission } from './queue-admission';

const ID = '6b6c5831-ab12-4c3d-8e9f-0123456789ab';
const caller: Caller = { keyId: 'k1', role: 'user' };
const dto = { language: 'python', code: 'print(1)' } as CreateJobDto;

/** Rows in memory, with the repository's conditional cancel. */
function fakeRepository() {
  const rows = new Map<string, Job>();
  const calls: string[] = [];
  const repository = {
    rows,
    calls,
    create: jest.fn(async (draft: NewJob) => {
      calls.push(`insert ${draft.id}`);
      const row = { ...draft, status: 'queued' } as Job;
      rows.set(row.id, row);
      return row;
    }),
    findById: jest.fn(async (id: string) => rows.get(id) ?? null),
    delete: jest.fn(async (id: string) => rows.delete(id)),
    deleteFinished: jest.fn(
      async (id: string) => ['completed', 'failed', 'cancelled'].includes(rows.get(id)?.status ?? '') && rows.delete(id),
    ),
    findMany: jest.fn(async (ids: string[]) => ids.map((id) => rows.get(id) ?? null)),
    cancel: jest.fn(async (id: string, from: JobStatus) => {
      const row = rows.get(id);
      if (row?.status !== from) return false;
      rows.set(id, { ...row, status: 'cancelled' });
      return true;
    }),
  };
  return repository;
}

/** Enough of Redis for IdempotencyStore: SET [NX], GET, DEL and its compare-and-set script (TTLs ignored). */
function fakeRedis() {
  const values = new Map<string, string>();
  return {
    values,
    set: async (key: string, value: string, ...flags: unknown[]) =>
      flags.includes('NX') && values.has(key) ? null : (values.set(key, value), 'OK'),
    get: async (key: string) => values.get(key) ?? null,
    del: async (key: string) => Number(values.delete(key)),
    eval: async (_script: string, _keys: number, key: string, expected: string, next: string) =>
      values.get(key) === expected ? (values.set(key, next), 1) : 0,
  } as unknown as Redis & { values: Map<string, string> };
}

function setup() {
  const repository = fakeRepository();
  const queues = {
    enqueue: jest.fn(async (jobId: string) => void repository.calls.push(`enqueue ${jobId}`)),
    remove: jest.fn(async () => undefined),
  };
  const events = { publishCancel: jest.fn(async () => undefined) };
  const finisher = { finished: jest.fn(async () => undefined) };
  let n = 0;
  const requests = {
    build: jest.fn(
      (body: CreateJobDto, keyId: string) =>
        ({ id: `job-${++n}`, apiKeyId: keyId, language: body.language, files: [] }) as unknown as NewJob,
    ),
  };
  const config = { worker: { attempts: 3 }, judging: { maxBatch: 50 } } as RunqConfig;
  const admission = { admit: jest.fn(async () => undefined) };
  const intake = new JobIntake(
    repository as unknown as JobRepository,
    queues as unknown as ExecutionQueues,
    admission as unknown as QueueAdmission,
    config,
  );
  const service = new JobSubmissionService(
    requests as unknown as JobRequestFactory,
    intake,
    repository as unknown as JobRepository,
    new IdempotencyStore(fakeRedis()),
    {} as JobWaiter,
    events as unknown as JobEvents,
    finisher as unknown as JobFinisher,
    config,
  );
  const seed = (status: JobStatus, apiKeyId = 'k1') => {
    const row = { id: ID, apiKeyId, status, language: 'python', callbackUrl: null } as Job;
    repository.rows.set(ID, row);
    return row;
  };
  return { service, repository, queues, events, finisher, requests, seed };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as DomainError,
  );

describe('JobSubmissionService', () => {
  describe('create', () => {
    it('enqueues the job only after its row is inserted, on its language with the configured attempts', async () => {
      const { service, repository, queues } = setup();
      const job = await service.create(dto, caller);
      expect(repository.calls).toEqual([`insert ${job.id}`, `enqueue ${job.id}`]);
      expect(queues.enqueue).toHaveBeenCalledWith(job.id, 'python', 3);
    });

    it('withdraws the row and answers unavailable when the queue cannot take the job', async () => {
      const { service, repository, queues } = setup();
      queues.enqueue.mockRejectedValueOnce(new Error('Connection is closed.'));
      const error = await failure(service.create(dto, caller));
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'unavailable', message: 'the job queue is unavailable; retry shortly' });
      expect(repository.delete).toHaveBeenCalledWith('job-1');
      expect(repository.rows.size).toBe(0);
    });
  });

  describe('createIdempotent', () => {
    it('replays the same job for the same key and body', async () => {
      const { service, repository } = setup();
      const first = await service.createIdempotent(dto, caller, 'key-a');
      const again = await service.createIdempotent({ ...dto } as CreateJobDto, caller, 'key-a');
      expect(first.replayed).toBe(false);
      expect(again).toEqual({ job: first.job, replayed: true });
      expect(repository.create).toHaveBeenCalledTimes(1);
    });

    it('refuses the same key with another body', async () => {
      const { service } = setup();
      await service.createIdempotent(dto, caller, 'key-a');
      const error = await failure(service.createIdempotent({ ...dto, code: 'print(2)' } as CreateJobDto, caller, 'key-a'));
      expect(error).toMatchObject({ code: 'idempotency_mismatch' });
    });

    it('answers conflict while the first request with the key is still being handled', async () => {
      const { service, repository } = setup();
      let release!: () => void;
      repository.create.mockImplementationOnce(
        (draft: NewJob) => new Promise((resolve) => (release = () => resolve({ ...draft, status: 'queued' } as Job))),
      );
      const first = service.createIdempotent(dto, caller, 'key-a');
      await new Promise((resolve) => setImmediate(resolve));
      const error = await failure(service.createIdempotent(dto, caller, 'key-a'));
      expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/still being processed/) });
      release();
      await expect(first).resolves.toMatchObject({ replayed: false });
    });

    it('frees the key when the job could not be created, so a retry may try again', async () => {
      const { service, queues } = setup();
      queues.enqueue.mockRejectedValueOnce(new Error('down'));
      await expect(service.createIdempotent(dto, caller, 'key-a')).rejects.toMatchObject({ code: 'unavailable' });
      await expect(service.createIdempotent(dto, caller, 'key-a')).resolves.toMatchObject({ replayed: false });
    });
  });

  describe('cancel', () => {
    it('removes a queued job from the queue and announces it finished', async () => {
      const { service, seed, queues, events, finisher } = setup();
      const row = seed('queued');
      expect((await service.cancel(ID, caller)).status).toBe('cancelled');
      expect(queues.remove).toHaveBeenCalledWith(ID, 'python');
      expect(events.publishCancel).not.toHaveBeenCalled();
      expect(finisher.finished).toHaveBeenCalledWith(row);
    });

    it('asks the worker to kill a running job and announces it finished', async () => {
      const { service, seed, queues, events, finisher } = setup();
      seed('running');
      expect((await service.cancel(ID, caller)).status).toBe('cancelled');
      expect(events.publishCancel).toHaveBeenCalledWith(ID);
      expect(queues.remove).not.toHaveBeenCalled();
      expect(finisher.finished).toHaveBeenCalledTimes(1);
    });

    it('refuses a finished job with a conflict naming its status', async () => {
      const { service, seed, finisher } = setup();
      seed('completed');
      const error = await failure(service.cancel(ID, caller));
      expect(error).toMatchObject({ code: 'conflict', message: `job ${ID} is already completed and cannot be cancelled` });
      expect(finisher.finished).not.toHaveBeenCalled();
    });

    it("answers not_found for another key's job, an unknown id and a malformed one", async () => {
      const { service, seed, repository } = setup();
      seed('queued', 'someone-else');
      await expect(service.cancel(ID, caller)).rejects.toMatchObject({ code: 'not_found' });
      await expect(service.cancel('00000000-0000-4000-8000-000000000000', caller)).rejects.toMatchObject({ code: 'not_found' });
      await expect(service.cancel('nope', caller)).rejects.toMatchObject({ code: 'not_found' });
      expect(repository.findById).not.toHaveBeenCalledWith('nope');
      expect(repository.cancel).not.toHaveBeenCalled();
    });
  });

  describe('remove', () => {
    it.each(['completed', 'failed', 'cancelled'] as const)('deletes a %s job', async (status) => {
      const { service, seed, repository } = setup();
      seed(status);
      await service.remove(ID, caller);
      expect(repository.rows.has(ID)).toBe(false);
      expect(repository.cancel).not.toHaveBeenCalled();
    });

    it.each(['queued', 'running'] as const)('refuses a %s job with a conflict saying how to delete it', async (status) => {
      const { service, seed, repository } = setup();
      seed(status);
      const error = await failure(service.remove(ID, caller));
      expect(error).toMatchObject({ code: 'conflict', message: `job ${ID} is ${status}: cancel it first, or delete it with force=true` });
      expect(repository.rows.get(ID)?.status).toBe(status);
    });

    it('with force, cancels a queued or running job first, so no worker keeps running it', async () => {
      const { service, seed, repository, events } = setup();
      seed('running');
      await service.remove(ID, caller, true);
      expect(events.publishCancel).toHaveBeenCalledWith(ID);
      expect(repository.cancel.mock.invocationCallOrder[0]).toBeLessThan(repository.deleteFinished.mock.invocationCallOrder[0]);
      expect(repository.rows.has(ID)).toBe(false);
    });

    it('with force, still deletes a job that finished between the read and the cancel', async () => {
      const { service, seed, repository } = setup();
      seed('running');
      repository.cancel.mockImplementation(async () => {
        repository.rows.set(ID, { ...repository.rows.get(ID)!, status: 'completed' });
        return false;
      });
      await service.remove(ID, caller, true);
      expect(repository.rows.has(ID)).toBe(false);
    });

    it("answers not_found for another key's job, an unknown or malformed id, and a job deleted meanwhile", async () => {
      const { service, seed, repository } = setup();
      seed('completed', 'someone-else');
      await expect(service.remove(ID, caller)).rejects.toMatchObject({ code: 'not_found' });
      await expect(service.remove('00000000-0000-4000-8000-000000000000', caller)).rejects.toMatchObject({ code: 'not_found' });
      await expect(service.remove('nope', caller)).rejects.toMatchObject({ code: 'not_found' });
      expect(repository.rows.has(ID)).toBe(true);
      seed('completed');
      repository.deleteFinished.mockResolvedValueOnce(false);
      await expect(service.remove(ID, caller)).rejects.toMatchObject({ code: 'not_found' });
    });

    it('lets an admin delete any key’s job', async () => {
      const { service, seed, repository } = setup();
      seed('completed', 'someone-else');
      await service.remove(ID, { keyId: 'admin', role: 'admin' });
      expect(repository.rows.has(ID)).toBe(false);
    });
  });

  it('reruns a job from the factory’s copy of it', async () => {
    const { service, requests, repository } = setup();
    const source = { id: ID, language: 'python' } as Job;
    const rebuild = jest.fn(() => ({ id: 'copy', apiKeyId: 'k1', language: 'python' }) as NewJob);
    Object.assign(requests, { rebuild });
    expect((await service.rerun(source, caller)).id).toBe('copy');
    expect(rebuild).toHaveBeenCalledWith(source, 'k1');
    expect(repository.calls).toEqual(['insert copy', 'enqueue copy']);
  });

  it('fails a whole batch when the queue is unavailable, and keeps invalid items in place', async () => {
    const { service, queues } = setup();
    const items = await service.createBatch([dto, 'not an object'], caller);
    expect(items[0]).toHaveProperty('job');
    expect(items[1]).toEqual({ error: expect.objectContaining({ code: 'invalid_request', message: 'each job must be an object' }) });
    queues.enqueue.mockRejectedValueOnce(new Error('down'));
    await expect(service.createBatch([dto], caller)).rejects.toMatchObject({ code: 'unavailable' });
  });
});
