import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { assertPoolLanguagesKnown, languagesOfPool, RUNQ_CONFIG, type RunqConfig } from '#config';
import { DockerInventory } from '#sandbox';
import { LanguageRegistry, languageVariants, versionKey } from '#languages';

/**
 * The toolchain versions this worker's images carry (image labels), read once at start, for
 * the languages of its pool only: a language routed to another pool is not this worker's.
 * Keyed by language id, and by `id@major` for each further version of a toolchain (Java 21).
 */
@Injectable()
export class LanguageVersions implements OnModuleInit {
  private versions: Record<string, string> = {};

  constructor(
    private readonly docker: DockerInventory,
    private readonly catalog: LanguageRegistry,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const { pools, worker } = this.config;
    assertPoolLanguagesKnown(pools, this.catalog.ids());
    const mine = new Set(this.poolLanguages());
    // Each variant is looked up under its own key (label runq.version.<key>).
    const keyed = this.catalog.all
      .filter((l) => mine.has(l.id))
      .flatMap(languageVariants)
      .map((l) => ({ ...l, id: versionKey(l) }));
    this.versions = await this.docker.languageVersions(keyed, worker.imagePrefix);
  }

  /** Ids of the languages this worker's pool runs, whether or not their image is here. */
  poolLanguages(): string[] {
    return languagesOfPool(this.config.worker.pool, this.config.pools, this.catalog.ids());
  }

  all(): Record<string, string> {
    return { ...this.versions };
  }

  /** By language id, or `id@major` for a variant (see versionKey). */
  of(key: string): string | null {
    return this.versions[key] ?? null;
  }
}
