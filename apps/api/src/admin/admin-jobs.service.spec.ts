import type { WorkerRegistry } from '#messaging';
import type { JobSubmissionService } from '../jobs/job-submission.service';
import type { AdminJobsRepository } from './admin-jobs.repository';
import { AdminJobsService } from './admin-jobs.service';

const ID = '6b6c5831-ab12-4c3d-8e9f-0123456789ab';
const admin = { keyId: 'k-admin', role: 'admin' as const };

function setup(status: string, fields: object = {}) {
  const row = {
    id: ID,
    status,
    functionCall: null,
    network: null,
    functionResult: null,
    ...fields,
    files: [],
    tests: null,
    apiKey: null,
    workerId: null,
    createdAt: new Date(),
    startedAt: null,
    finishedAt: null,
  };
  const repository = { findDetail: jest.fn(async (id: string) => (id === ID ? row : null)) };
  const jobs = { remove: jest.fn(async () => undefined) };
  const service = new AdminJobsService(
    repository as unknown as AdminJobsRepository,
    jobs as unknown as JobSubmissionService,
    { list: async () => [] } as unknown as WorkerRegistry,
  );
  return { service, repository, jobs };
}

describe('AdminJobsService.delete', () => {
  it('deletes with force: a queued or running job is cancelled first (JobSubmissionService.remove)', async () => {
    const { service, jobs } = setup('running');
    await service.delete(ID, admin);
    expect(jobs.remove).toHaveBeenCalledWith(ID, admin, true);
  });
});

describe('AdminJobsService.detail', () => {
  it('shows an operator the inputs a function was called with, which the public view leaves out', async () => {
    const inputs = { items: [1, 2], note: '<b>' };
    const { service } = setup('completed', {
      functionCall: { name: 'run', inputs },
      network: { allow: ['api.example.com'] },
      functionResult: { result: 3, logs: [], logsTruncated: false, error: null },
    });
    const detail = await service.detail(ID);
    expect(detail.function).toEqual({ name: 'run', inputs });
    expect(detail).toMatchObject({ network: { allow: ['api.example.com'] }, result: 3, logs: [], error: null });
  });

  it('has no function part for a plain program', async () => {
    const { service } = setup('completed');
    expect(await service.detail(ID)).not.toHaveProperty('function');
  });
});
