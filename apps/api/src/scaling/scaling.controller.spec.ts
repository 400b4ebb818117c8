import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import type { WorkerHeartbeat } from '#contracts';
import type { PoolBacklogReader, QueueBacklog, WorkerRegistry } from '#messaging';
import { IS_PUBLIC } from '../auth/public.decorator';
import { BacklogMetricsService } from './backlog-metrics.service';
import { ScalingController } from './scaling.controller';

const backlog: QueueBacklog = { backlog: 7, waiting: 3, prioritized: 0, delayedDue: 1, active: 3, oldestWaitingAgeMs: 1200 };
const worker = (id: string, concurrency: number, dockerOk = true, pool?: string) =>
  ({ id, concurrency, docker: { ok: dockerOk }, languagePool: pool }) as WorkerHeartbeat;

function controller(read: (pool: string) => Promise<QueueBacklog>, workers: WorkerHeartbeat[]): ScalingController {
  const reader = { read, pools: () => ['default', 'jvm'] } as unknown as PoolBacklogReader;
  const registry = { list: async () => workers } as unknown as WorkerRegistry;
  return new ScalingController(new BacklogMetricsService(reader, registry));
}

describe('GET /metrics/backlog', () => {
  it('returns the queue backlog with the live workers and the capacity of those that reach Docker', async () => {
    const body = await controller(async () => backlog, [worker('a', 4), worker('b', 8), worker('c', 16, false)]).backlog();
    expect(body).toEqual({ ...backlog, pool: 'default', workers: 3, capacity: 12 });
  });

  it("reads the asked pool, counting only that pool's workers", async () => {
    const read = jest.fn(async () => backlog);
    const body = await controller(read, [worker('a', 4), worker('j', 2, true, 'jvm'), worker('k', 3, true, 'jvm')]).backlog('jvm');
    expect(read).toHaveBeenCalledWith('jvm');
    expect(body).toMatchObject({ pool: 'jvm', workers: 2, capacity: 5 });
  });

  it('refuses an unknown pool with 400 naming the parameter', async () => {
    await expect(controller(async () => backlog, []).backlog('gpu')).rejects.toThrow(BadRequestException);
    await expect(controller(async () => backlog, []).backlog('gpu')).rejects.toThrow(/^pool: must be one of default, jvm$/);
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
