import type { JobRecord } from '#db';
import { toJob } from './job-record.mapper';

const record = (limits: object) => ({ id: 'j', limits }) as unknown as JobRecord;

describe('toJob', () => {
  it('keeps the stored limits', () => {
    const limits = { timeoutMs: 2000, cpuTimeMs: 700, memoryMb: 64, cpus: 0.5, processes: 16, outputBytes: 1024 };
    expect(toJob(record(limits)).limits).toEqual(limits);
  });

  it('gives a job stored before limits had a CPU time its wall-clock limit as CPU time', () => {
    const limits = { timeoutMs: 2000, memoryMb: 64, cpus: 0.5, processes: 16, outputBytes: 1024 };
    expect(toJob(record(limits)).limits).toEqual({ ...limits, cpuTimeMs: 2000 });
  });
});
