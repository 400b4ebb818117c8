import type { RunqConfig } from '#config';
import type { WorkerHeartbeat } from '#contracts';
import type { WorkerRegistry } from '#messaging';
import type { DockerInventory } from '#sandbox';
import { ABSENCE_GRACE_MS } from '../recovery/recovery-timings';
import { OrphanSweeper } from './orphan-sweeper.service';

const ME = 'w-me';

describe('OrphanSweeper', () => {
  let live: string[];
  let containers: { id: string; workerId: string }[];
  let removed: string[];
  let registryDown: boolean;
  let sweeper: OrphanSweeper;

  beforeEach(() => {
    live = ['w-live'];
    registryDown = false;
    removed = [];
    containers = [
      { id: 'c-mine', workerId: ME },
      { id: 'c-live', workerId: 'w-live' },
      { id: 'c-dead-1', workerId: 'w-dead' },
      { id: 'c-dead-2', workerId: 'w-dead' },
    ];
    const registry = {
      list: async () => {
        if (registryDown) throw new Error('Connection is closed');
        return live.map((id) => ({ id }) as WorkerHeartbeat);
      },
    };
    const docker = {
      sandboxes: async () => containers.filter((c) => !removed.includes(c.id)),
      remove: async (ids: string[]) => void removed.push(...ids),
    };
    sweeper = new OrphanSweeper(registry as unknown as WorkerRegistry, docker as unknown as DockerInventory, ME, {
      redisUrl: 'redis://127.0.0.1:6379',
    } as RunqConfig);
  });

  it('removes the containers of a worker only after it has been missing for the grace period', async () => {
    expect(await sweeper.sweep(0)).toBe(0);
    expect(await sweeper.sweep(ABSENCE_GRACE_MS - 1)).toBe(0);
    expect(await sweeper.sweep(ABSENCE_GRACE_MS)).toBe(2);
    expect(removed.sort()).toEqual(['c-dead-1', 'c-dead-2']);
  });

  it('never removes its own containers or those of a live worker', async () => {
    live = [];
    await sweeper.sweep(0);
    await sweeper.sweep(ABSENCE_GRACE_MS);
    expect(removed).not.toContain('c-mine');
    expect(removed).toContain('c-live');
    live = ['w-live']; // back (a worker id reused after a restart)
    containers.push({ id: 'c-live-2', workerId: 'w-live' });
    await sweeper.sweep(2 * ABSENCE_GRACE_MS);
    expect(removed).not.toContain('c-live-2');
  });

  it('spares a worker whose heartbeat was only briefly missing (Redis restarted without its data)', async () => {
    live = [];
    await sweeper.sweep(0);
    live = ['w-live'];
    await sweeper.sweep(ABSENCE_GRACE_MS / 2);
    live = [];
    await sweeper.sweep(ABSENCE_GRACE_MS);
    expect(removed).not.toContain('c-live');
  });

  it('removes nothing when the heartbeats cannot be read', async () => {
    await sweeper.sweep(0);
    registryDown = true;
    await expect(sweeper.sweep(ABSENCE_GRACE_MS)).rejects.toThrow('Connection is closed');
    expect(removed).toEqual([]);
  });
});
