import type { WorkerRegistry } from '#messaging';
import type { JobSubmissionService } from '../jobs/job-submission.service';
import type { AdminJobsRepository } from './admin-jobs.repository';
import { AdminJobsService } from './admin-jobs.service';

const ID = '6b6c5831-ab12-4c3d-8e9f-0123456789ab';
const admin = { keyId: 'k-admin', role: 'admin' as const };

describe('AdminJobsService.delete', () => {
  it('deletes with force: a queued or running job is cancelled first (JobSubmissionService.remove)', async () => {
    const jobs = { remove: jest.fn(async () => undefined) };
    const service = new AdminJobsService(
      {} as AdminJobsRepository,
      jobs as unknown as JobSubmissionService,
      { list: async () => [] } as unknown as WorkerRegistry,
    );
    await service.delete(ID, admin);
    expect(jobs.remove).toHaveBeenCalledWith(ID, admin, true);
  });
});
