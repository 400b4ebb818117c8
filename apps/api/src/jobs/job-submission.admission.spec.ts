import type { RunqConfig } from '#config';
import { DomainError } from '#contracts';
import type { JobFinisher, JobRepository, Job, NewJob } from '#jobs';
import type { ExecutionQueues, JobEvents } from '#messaging';
import type { Caller } from '../auth/caller';
import { toNativeError } from '../common/native-error.mapper';
import type { CreateJobDto } from './dto/create-job.dto';
import type { IdempotencyStore } from './idempotency.store';
import { JobIntake } from './job-intake';
import type { JobRequestFactory } from './job-request.factory';
import type { JobWaiter } from './job-waiter';
import { JobSubmissionService } from './job-submission.service';
import type { QueueAdmission } from './queue-admission';

/** How JobSubmissionService applies the queue's admission and a key's active-jobs cap (adapters faked). */
describe('JobSubmissionService admission', () => {
  const dto = { language: 'python', code: 'print(1)' } as CreateJobDto;
  const user = (maxActiveJobs: number): Caller => ({ keyId: 'k1', role: 'user', limits: { rateLimitPerMinute: 0, maxActiveJobs } });
  let active: number;
  let admit: jest.Mock;
  const jobs = {
    create: jest.fn(async (draft: NewJob) => ({ id: draft.id }) as Job),
    createWithinLimit: jest.fn(async (draft: NewJob, max: number) => (active < max ? (active++, { id: draft.id } as Job) : null)),
    delete: jest.fn(),
  };
  let n = 0;
  const requests = { build: (_: CreateJobDto, keyId: string) => ({ id: `job-${++n}`, apiKeyId: keyId, language: 'python' }) as NewJob };
  const config = { judging: { maxBatch: 50 }, worker: { attempts: 3 } } as RunqConfig;
  const service = () =>
    new JobSubmissionService(
      requests as unknown as JobRequestFactory,
      new JobIntake(
        jobs as unknown as JobRepository,
        { enqueue: jest.fn(async () => undefined) } as unknown as ExecutionQueues,
        { admit } as unknown as QueueAdmission,
        config,
      ),
      jobs as unknown as JobRepository,
      {} as IdempotencyStore,
      {} as JobWaiter,
      {} as JobEvents,
      {} as JobFinisher,
      config,
    );

  beforeEach(() => {
    active = 0;
    admit = jest.fn(async () => undefined);
    jest.clearAllMocks();
  });

  it('inserts within the cap and refuses past it with 429 + Retry-After', async () => {
    const jobsService = service();
    await jobsService.create(dto, user(1));
    expect(jobs.createWithinLimit).toHaveBeenCalledWith(expect.objectContaining({ apiKeyId: 'k1' }), 1);
    const error = (await jobsService.create(dto, user(1)).catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(toNativeError(error).status).toBe(429);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.message).toMatch(/already has 1 jobs queued or running/);
  });

  it('skips the counting transaction for unlimited callers', async () => {
    await service().create(dto, user(0));
    await service().create(dto, { keyId: 'k2', role: 'admin' });
    expect(jobs.createWithinLimit).not.toHaveBeenCalled();
    expect(jobs.create).toHaveBeenCalledTimes(2);
  });

  it('refuses before writing anything when the queue is full', async () => {
    admit.mockRejectedValue(new DomainError('queue_full', 'the job queue is full', { retryAfterSeconds: 5 }));
    const refused = (await service()
      .create(dto, user(5))
      .catch((e: unknown) => e)) as DomainError;
    expect(toNativeError(refused).status).toBe(503);
    expect(jobs.create).not.toHaveBeenCalled();
    expect(jobs.createWithinLimit).not.toHaveBeenCalled();
  });

  it('admits a batch once, and refuses the items past the cap in place', async () => {
    const items = await service().createBatch([dto, dto, dto], user(2));
    expect(admit).toHaveBeenCalledTimes(1);
    expect(
      items.map((item) => ('job' in item ? 'created' : (toNativeError(item.error).body as { statusCode: number }).statusCode)),
    ).toEqual(['created', 'created', 429]);
  });
});
