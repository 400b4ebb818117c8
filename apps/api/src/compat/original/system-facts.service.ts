import { Inject, Injectable } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import type { JobLimits } from '#contracts';
import { WorkerRegistry } from '#messaging';
import { LanguagesService } from '../../languages/languages.service';
import { BacklogMetricsService, type BacklogMetrics } from '../../scaling/backlog-metrics.service';

/** `GET /api/languages`: one entry per language. */
export interface LanguageSummary {
  id: string;
  name: string;
  /** The installed toolchain version (null while no live worker has the language). */
  version: string | null;
  aliases: string[];
}

/** `GET /api/system`: counts and limits only, nothing that names a host or a key. */
export interface SystemFacts {
  workers: { live: number; ready: number; slots: number; running: number };
  languages: { total: number; available: number };
  limits: { defaults: JobLimits; maxima: JobLimits };
  queue: { maxDepth: number; pools: BacklogMetrics[] };
}

/** The facts the dashboard and health checks read, for any key holder. */
@Injectable()
export class SystemFactsService {
  constructor(
    private readonly languages: LanguagesService,
    private readonly workers: WorkerRegistry,
    private readonly backlog: BacklogMetricsService,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  languageList(): LanguageSummary[] {
    return this.languages.list().map(({ id, name, version, aliases }) => ({ id, name, version, aliases }));
  }

  async system(): Promise<SystemFacts> {
    const [workers, pools] = await Promise.all([this.workers.list(), Promise.all(this.backlog.pools().map((p) => this.backlog.read(p)))]);
    const ready = workers.filter((w) => w.docker.ok);
    const languages = this.languages.list();
    return {
      workers: {
        live: workers.length,
        ready: ready.length,
        slots: ready.reduce((sum, w) => sum + w.concurrency, 0),
        running: workers.reduce((sum, w) => sum + w.running, 0),
      },
      languages: { total: languages.length, available: languages.filter((l) => l.available).length },
      limits: { defaults: this.config.defaults, maxima: this.config.maxima },
      queue: { maxDepth: this.config.backpressure.maxQueueDepth, pools },
    };
  }
}
