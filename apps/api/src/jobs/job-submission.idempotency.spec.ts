import type { Redis } from 'ioredis';
import type { RunqConfig } from '#config';
import type { DomainError } from '#contracts';
import type { Job, JobFinisher, JobRepository, NewJob } from '#jobs';
import type { ExecutionQueues, JobEvents } from '#messaging';
import type { Caller } from '../auth/caller';
import type { CreateJobDto } from './dto/create-job.dto';
import { IdempotencyStore } from './idempotency.store';
import { IdempotentBatchService } from './idempotent-batch.service';
import { JobIntake } from './job-intake';
import type { JobRequestFactory } from './job-request.factory';
import { JobSubmissionService } from './job-submission.service';
import { JobWaiter } from './job-waiter';
import type { QueueAdmission } from './queue-admission';

/** Idempotency-Key on POST /execute (createAndWait) and POST /jobs/batch, over the real store, waiter and intake. */
const caller: Caller = { keyId: 'k1', role: 'user' };
const dto = { language: 'python', code: 'print(1)' } as CreateJobDto;

/** Enough of Redis for IdempotencyStore: SET [NX], GET, DEL and its compare-and-set script (TTLs ignored). */
function fakeRedis() {
  const values = new Map<string, string>();
  return {
    set: async (key: string, value: string, ...flags: unknown[]) =>
      flags.includes('NX') && values.has(key) ? null : (values.set(key, value), 'OK'),
    get: async (key: string) => values.get(key) ?? null,
    del: async (key: string) => Number(values.delete(key)),
    eval: async (_script: string, _keys: number, key: string, expected: string, next: string) =>
      values.get(key) === expected ? (values.set(key, next), 1) : 0,
  } as unknown as Redis;
}

function setup() {
  const rows = new Map<string, Job>();
  const repository = {
    rows,
    create: jest.fn(async (draft: NewJob) => {
      const row = { ...draft, status: 'queued' } as Job;
      rows.set(row.id, row);
      return row;
    }),
    findById: jest.fn(async (id: string) => rows.get(id) ?? null),
    findMany: jest.fn(async (ids: string[]) => ids.map((id) => rows.get(id) ?? null)),
    delete: jest.fn(async (id: string) => rows.delete(id)),
  };
  const queues = { enqueue: jest.fn(async () => undefined) };
  let onFinished: (jobId: string) => void = () => undefined;
  const events = { onFinished: (listener: (jobId: string) => void) => ((onFinished = listener), () => undefined) };
  const waiter = new JobWaiter(events as unknown as JobEvents);
  waiter.onModuleInit();
  let n = 0;
  const requests = {
    build: jest.fn(
      (body: { language: string }, keyId: string) => ({ id: `job-${++n}`, apiKeyId: keyId, language: body.language }) as NewJob,
    ),
  };
  const config = { worker: { attempts: 3 }, judging: { maxBatch: 50 }, wait: { defaultMs: 30_000, maxMs: 60_000 } } as RunqConfig;
  const intake = new JobIntake(
    repository as unknown as JobRepository,
    queues as unknown as ExecutionQueues,
    { admit: jest.fn(async () => undefined) } as unknown as QueueAdmission,
    config,
  );
  const store = new IdempotencyStore(fakeRedis());
  const service = new JobSubmissionService(
    requests as unknown as JobRequestFactory,
    intake,
    repository as unknown as JobRepository,
    store,
    waiter,
    {} as JobEvents,
    {} as JobFinisher,
    config,
  );
  const batches = new IdempotentBatchService(service, store, repository as unknown as JobRepository);
  /** The worker's part: the row becomes final, then its finished event goes out. */
  const finish = (id: string) => {
    rows.set(id, { ...rows.get(id)!, status: 'completed' });
    onFinished(id);
  };
  return { service, batches, repository, queues, finish };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as DomainError,
  );
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createAndWait with an Idempotency-Key', () => {
  it('waits for the job it created; a retry gets that same finished job, replayed', async () => {
    const { service, repository, finish } = setup();
    const first = service.createAndWait(dto, caller, 1000, 'key-a');
    await tick();
    finish('job-1');
    await expect(first).resolves.toMatchObject({ job: { id: 'job-1', status: 'completed' }, finished: true, replayed: false });
    const retry = await service.createAndWait({ ...dto } as CreateJobDto, caller, 1000, 'key-a');
    expect(retry).toMatchObject({ job: { id: 'job-1', status: 'completed' }, finished: true, replayed: true });
    expect(repository.create).toHaveBeenCalledTimes(1);
  });

  it('has a retry wait for the running job, and answer it unfinished when the wait runs out', async () => {
    const { service, repository, finish } = setup();
    await expect(service.createAndWait(dto, caller, 0, 'key-a')).resolves.toMatchObject({ finished: false, replayed: false });
    await expect(service.createAndWait(dto, caller, 0, 'key-a')).resolves.toMatchObject({
      job: { id: 'job-1', status: 'queued' },
      finished: false,
      replayed: true,
    });
    const waiting = service.createAndWait(dto, caller, 5000, 'key-a');
    await tick();
    finish('job-1');
    await expect(waiting).resolves.toMatchObject({ job: { id: 'job-1', status: 'completed' }, finished: true, replayed: true });
    expect(repository.create).toHaveBeenCalledTimes(1);
  });

  it('shares its keys with POST /jobs: the job created there is the one waited for', async () => {
    const { service, finish } = setup();
    const { job } = await service.createIdempotent(dto, caller, 'key-a');
    finish(job.id);
    await expect(service.createAndWait(dto, caller, 1000, 'key-a')).resolves.toMatchObject({ job: { id: job.id }, replayed: true });
  });

  it('refuses the key with another body, and a key whose job was deleted', async () => {
    const { service, repository } = setup();
    await service.createAndWait(dto, caller, 0, 'key-a');
    const other = await failure(service.createAndWait({ ...dto, code: 'print(2)' } as CreateJobDto, caller, 0, 'key-a'));
    expect(other).toMatchObject({ code: 'idempotency_mismatch' });
    repository.rows.clear();
    const gone = await failure(service.createAndWait(dto, caller, 0, 'key-a'));
    expect(gone).toMatchObject({
      code: 'conflict',
      message: 'job job-1 created with this Idempotency-Key has been deleted; use a new key',
    });
  });

  it('frees the key when the job could not be created', async () => {
    const { service, queues } = setup();
    queues.enqueue.mockRejectedValueOnce(new Error('down'));
    await expect(service.createAndWait(dto, caller, 0, 'key-a')).rejects.toMatchObject({ code: 'unavailable' });
    await expect(service.createAndWait(dto, caller, 0, 'key-a')).resolves.toMatchObject({ replayed: false });
  });
});

describe('IdempotentBatchService', () => {
  const items = [dto, 'not an object', { ...dto, code: 'print(2)' }];

  it('replays the same items, refused ones with their errors and jobs as they are now', async () => {
    const { batches, repository, finish } = setup();
    const first = await batches.create(items, caller, 'key-b');
    expect(first.replayed).toBe(false);
    expect(first.items.map((item) => ('job' in item ? item.job.id : item.error.message))).toEqual([
      'job-1',
      'each job must be an object',
      'job-2',
    ]);
    finish('job-1');
    const again = await batches.create(structuredClone(items), caller, 'key-b');
    expect(again.replayed).toBe(true);
    expect(again.items[0]).toEqual({ job: expect.objectContaining({ id: 'job-1', status: 'completed' }) });
    expect(again.items[1]).toEqual({ error: expect.objectContaining({ code: 'invalid_request', message: 'each job must be an object' }) });
    expect(again.items[2]).toEqual({ job: expect.objectContaining({ id: 'job-2' }) });
    expect(repository.create).toHaveBeenCalledTimes(2);
  });

  it('refuses the key with another batch, or with a single job', async () => {
    const { service, batches } = setup();
    await batches.create(items, caller, 'key-b');
    expect(await failure(batches.create([dto], caller, 'key-b'))).toMatchObject({ code: 'idempotency_mismatch' });
    expect(await failure(service.createIdempotent(dto, caller, 'key-b'))).toMatchObject({ code: 'idempotency_mismatch' });
  });

  it('answers conflict while the batch is still being created', async () => {
    const { batches, repository } = setup();
    let release!: () => void;
    repository.create.mockImplementationOnce(
      (draft: NewJob) => new Promise((resolve) => (release = () => resolve({ ...draft, status: 'queued' } as Job))),
    );
    const first = batches.create(items, caller, 'key-b');
    await tick();
    expect(await failure(batches.create(items, caller, 'key-b'))).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/still being processed/),
    });
    release();
    await expect(first).resolves.toMatchObject({ replayed: false });
  });

  it('continues a batch the queue stopped half-way from its first unhandled item, creating nothing twice', async () => {
    const { batches, repository, queues } = setup();
    queues.enqueue.mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('down'));
    expect(await failure(batches.create(items, caller, 'key-b'))).toMatchObject({ code: 'unavailable' });
    expect([...repository.rows.keys()]).toEqual(['job-1']);
    const retry = await batches.create(items, caller, 'key-b');
    expect(retry.replayed).toBe(true);
    expect(retry.items.map((item) => ('job' in item ? item.job.id : item.error.code))).toEqual(['job-1', 'invalid_request', 'job-3']);
    expect([...repository.rows.keys()]).toEqual(['job-1', 'job-3']);
  });

  it('frees the key of a batch that created nothing', async () => {
    const { batches, queues } = setup();
    queues.enqueue.mockRejectedValueOnce(new Error('down'));
    expect(await failure(batches.create([dto], caller, 'key-b'))).toMatchObject({ code: 'unavailable' });
    await expect(batches.create([dto], caller, 'key-b')).resolves.toMatchObject({ replayed: false, items: [{ job: expect.anything() }] });
  });

  it('replays a job deleted since as an item not found', async () => {
    const { batches, repository } = setup();
    await batches.create([dto, dto], caller, 'key-b');
    repository.rows.delete('job-1');
    const again = await batches.create([dto, dto], caller, 'key-b');
    expect(again.items[0]).toEqual({ error: expect.objectContaining({ code: 'not_found', message: 'job job-1 was deleted' }) });
    expect(again.items[1]).toEqual({ job: expect.objectContaining({ id: 'job-2' }) });
  });
});
