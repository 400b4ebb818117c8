import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { assertPoolLanguagesKnown, poolOf, RUNQ_CONFIG, type RunqConfig } from '#config';
import type { JobLimits } from '#contracts';
import { WorkerRegistry } from '#messaging';
import { defaultLimitsFor, installedVersions, LanguageRegistry } from '#languages';

export interface LanguageView {
  id: string;
  name: string;
  version: string | null;
  /** Every installed version, the default first; a job's `version` picks one. */
  versions: string[];
  aliases: string[];
  compiled: boolean;
  fileName: string;
  sourceExtensions: string[];
  limits: JobLimits;
  compileOptions: string[];
  /** True when at least one live worker of the language's pool has its image. */
  available: boolean;
  /** The worker pool (RUNQ_POOLS) that runs it. */
  pool: string;
}

const REFRESH_MS = 5000;

/** The catalog, with real toolchain versions as reported by live workers' heartbeats. */
@Injectable()
export class LanguagesService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LanguagesService.name);
  /** By language id, and `id@major` for further versions of a toolchain (see versionKey). */
  private versions: Record<string, string> = {};
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly registry: LanguageRegistry,
    private readonly workers: WorkerRegistry,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    assertPoolLanguagesKnown(this.config.pools, this.registry.ids());
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      const versions: Record<string, string> = {};
      for (const worker of await this.workers.list()) Object.assign(versions, worker.languages);
      this.versions = versions;
    } catch (error) {
      this.logger.debug(`language versions not refreshed: ${(error as Error).message}`);
    }
  }

  list(): LanguageView[] {
    const { defaults, maxima } = this.config;
    return this.registry.all.map((l) => {
      const limits = defaultLimitsFor(l, defaults, maxima);
      return {
        id: l.id,
        name: l.name,
        version: this.versions[l.id] ?? null,
        versions: installedVersions(l, this.versions),
        aliases: l.aliases,
        compiled: Boolean(l.compile),
        fileName: l.fileName,
        sourceExtensions: l.sourceExtensions,
        limits,
        compileOptions: l.compileOptions ?? [],
        available: Boolean(this.versions[l.id]),
        pool: poolOf(l.id, this.config.pools),
      };
    });
  }

  /** Installed toolchain versions by versionKey (language id, or `id@major`), as live workers last reported them. */
  installed(): Readonly<Record<string, string>> {
    return this.versions;
  }
}
