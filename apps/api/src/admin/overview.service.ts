import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { EXECUTIONS_QUEUE } from '#contracts';
import { QueueBacklogReader, WorkerRegistry } from '#messaging';
import { LanguageRegistry } from '#sandbox';
import { toWorkerView, type WorkerView } from './fleet-overview';

export interface QueueView {
  waiting: number;
  prioritized: number;
  active: number;
  delayed: number;
  failed: number;
  oldestWaitingAgeMs: number;
}

export interface Overview {
  at: string;
  queue: QueueView;
  workers: WorkerView[];
  capacity: number;
  /** Sandbox image → the languages it runs, to read the workers' warm pools per language. */
  imageLanguages: Record<string, string[]>;
}

/** What the dashboard's top panels show: the executions queue (from BullMQ) and the live workers. */
@Injectable()
export class OverviewService {
  constructor(
    @InjectQueue(EXECUTIONS_QUEUE) private readonly queue: Queue,
    private readonly backlog: QueueBacklogReader,
    private readonly registry: WorkerRegistry,
    private readonly catalog: LanguageRegistry,
  ) {}

  async read(now = Date.now()): Promise<Overview> {
    const [counts, backlog, beats] = await Promise.all([
      this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
      this.backlog.read(),
      this.registry.list(),
    ]);
    const workers = beats.map((b) => toWorkerView(b, now)).sort((a, b) => a.id.localeCompare(b.id));
    return {
      at: new Date(now).toISOString(),
      queue: {
        waiting: counts.waiting ?? 0,
        prioritized: counts.prioritized ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        oldestWaitingAgeMs: backlog.oldestWaitingAgeMs,
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
