import { Injectable } from '@nestjs/common';
import { ExecutionQueues, PoolBacklogReader, WorkerRegistry } from '#messaging';
import { LanguageRegistry } from '#languages';
import type { FleetOverview } from '#contracts';
import { toWorkerView } from './fleet-overview';

/** What the dashboard's top panels show: the execution queues of all pools together (from BullMQ) and the live workers. */
@Injectable()
export class OverviewService {
  constructor(
    private readonly queues: ExecutionQueues,
    private readonly backlog: PoolBacklogReader,
    private readonly registry: WorkerRegistry,
    private readonly catalog: LanguageRegistry,
  ) {}

  async read(now = Date.now()): Promise<FleetOverview> {
    const [counts, backlogs, beats] = await Promise.all([
      this.queues.counts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
      Promise.all(this.queues.pools().map((pool) => this.backlog.read(pool))),
      this.registry.list(),
    ]);
    const workers = beats.map((b) => toWorkerView(b, now)).sort((a, b) => a.id.localeCompare(b.id));
    return {
      at: new Date(now).toISOString(),
      queue: {
        waiting: counts.waiting,
        prioritized: counts.prioritized,
        active: counts.active,
        delayed: counts.delayed,
        failed: counts.failed,
        oldestWaitingAgeMs: Math.max(0, ...backlogs.map((b) => b.oldestWaitingAgeMs)),
      },
      workers,
      capacity: workers.filter((w) => w.dockerOk).reduce((sum, w) => sum + w.concurrency, 0),
      imageLanguages: this.imageLanguages(),
    };
  }

  private imageLanguages(): Record<string, string[]> {
    const map: Record<string, string[]> = {};
    for (const language of this.catalog.all) (map[language.image] ??= []).push(language.id);
    return map;
  }
}
