import { DomainError } from '#contracts';
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
  const repository = {
    findDetail: jest.fn(async (id: string) => (id === ID ? row : null)),
    delete: jest.fn(async () => true),
  };
  const jobs = { cancel: jest.fn(async () => row), rerun: jest.fn() };
  const service = new AdminJobsService(
    repository as unknown as AdminJobsRepository,
    jobs as unknown as JobSubmissionService,
    { list: async () => [] } as unknown as WorkerRegistry,
  );
  return { service, repository, jobs };
}

describe('AdminJobsService.delete', () => {
  it('deletes a finished job without cancelling it', async () => {
    const { service, repository, jobs } = setup('completed');
    await service.delete(ID, admin);
    expect(jobs.cancel).not.toHaveBeenCalled();
    expect(repository.delete).toHaveBeenCalledWith(ID);
  });

  it('cancels a queued or running job before deleting it, so no worker keeps running it', async () => {
    const { service, repository, jobs } = setup('running');
    await service.delete(ID, admin);
    expect(jobs.cancel).toHaveBeenCalledWith(ID, admin);
    expect(jobs.cancel.mock.invocationCallOrder[0]).toBeLessThan(repository.delete.mock.invocationCallOrder[0]);
  });

  it('still deletes a job that finished between the read and the cancel', async () => {
    const { service, repository, jobs } = setup('running');
    jobs.cancel.mockRejectedValueOnce(new DomainError('conflict', 'already completed'));
    await service.delete(ID, admin);
    expect(repository.delete).toHaveBeenCalled();
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const { service } = setup('completed');
    await expect(service.delete('00000000-0000-4000-8000-000000000000', admin)).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.delete('nope', admin)).rejects.toMatchObject({ code: 'not_found' });
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
