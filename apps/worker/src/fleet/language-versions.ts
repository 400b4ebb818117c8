import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { DockerInventory, LanguageRegistry } from '#sandbox';

/** The toolchain versions this worker's images carry (image labels), read once at start. */
@Injectable()
export class LanguageVersions implements OnModuleInit {
  private versions: Record<string, string> = {};

  constructor(
    private readonly docker: DockerInventory,
    private readonly catalog: LanguageRegistry,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.versions = await this.docker.languageVersions(this.catalog.all, this.config.worker.imagePrefix);
  }

  all(): Record<string, string> {
    return { ...this.versions };
  }

  of(languageId: string): string | null {
    return this.versions[languageId] ?? null;
  }
}
