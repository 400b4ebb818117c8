import type { Job } from 'bullmq';
import type { CallbackJobData } from '#contracts';
import type { CallbackDeliveryService } from './callback-delivery.service';
import { CallbackProcessor } from './callback.processor';

describe('CallbackProcessor', () => {
  it("numbers the attempt from BullMQ's count and passes the job's attempt budget", async () => {
    const deliver = jest.fn().mockResolvedValue('delivered');
    const processor = new CallbackProcessor({ deliver } as unknown as CallbackDeliveryService);
    const job = { data: { jobId: 'j1' }, attemptsMade: 2, opts: { attempts: 6 } } as Job<CallbackJobData>;
    await expect(processor.process(job)).resolves.toBe('delivered');
    expect(deliver).toHaveBeenCalledWith({ jobId: 'j1', attempt: 3, maxAttempts: 6 });
  });

  it('treats a job without an attempt budget as a single attempt', async () => {
    const deliver = jest.fn().mockResolvedValue('skipped');
    const processor = new CallbackProcessor({ deliver } as unknown as CallbackDeliveryService);
    await processor.process({ data: { jobId: 'j1' }, attemptsMade: 0, opts: {} } as Job<CallbackJobData>);
    expect(deliver).toHaveBeenCalledWith({ jobId: 'j1', attempt: 1, maxAttempts: 1 });
  });
});
