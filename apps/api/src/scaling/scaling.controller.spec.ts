import { ServiceUnavailableException } from '@nestjs/common';
import type { WorkerHeartbeat } from '#contracts';
import type { QueueBacklog, QueueBacklogReader, WorkerRegistry } from '#messaging';
import { IS_PUBLIC } from '../auth/public.decorator';
import { BacklogMetricsService } from './backlog-metrics.service';
import { ScalingController } from './scaling.controller';

const backlog: QueueBacklog = { backlog: 7, waiting: 3, prioritized: 0, delayedDue: 1, active: 3, oldestWaitingAgeMs: 1200 };
const worker = (id: string, concurrency: number, dockerOk = true) => ({ id, concurrency, docker: { ok: dockerOk } }) as WorkerHeartbeat;

function controller(read: () => Promise<QueueBacklog>, workers: WorkerHeartbeat[]): ScalingController {
  const reader = { read } as unknown as QueueBacklogReader;
  const registry = { list: async () => workers } as unknown as WorkerRegistry;
  return new ScalingController(new BacklogMetricsService(reader, registry));
}

describe('GET /metrics/backlog', () => {
  it('returns the queue backlog with the live workers and the capacity of those that reach Docker', async () => {
    const body = await controller(async () => backlog, [worker('a', 4), worker('b', 8), worker('c', 16, false)]).backlog();
    expect(body).toEqual({ ...backlog, workers: 3, capacity: 12 });
  });

  it('reports no workers and no capacity when no worker beats', async () => {
    expect(await controller(async () => backlog, []).backlog()).toMatchObject({ workers: 0, capacity: 0 });
  });

  it('answers 503 when the queue cannot be read, so a scaler keeps its last decision', async () => {
    const failing = controller(async () => Promise.reject(new Error('Connection is closed.')), []);
    await expect(failing.backlog()).rejects.toBeInstanceOf(ServiceUnavailableException);
  });

  it('is not public: ApiKeyGuard asks for a key, as on every other route', () => {
    expect(Reflect.getMetadata(IS_PUBLIC, ScalingController)).toBeUndefined();
    expect(Reflect.getMetadata(IS_PUBLIC, ScalingController.prototype.backlog)).toBeUndefined();
  });
});
