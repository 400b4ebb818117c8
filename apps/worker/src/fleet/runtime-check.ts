import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigError, RUNQ_CONFIG, type RunqConfig } from '#config';
import { checkRuntimesAvailable, DockerInventory, resolveRuntimeOverrides, RuntimeSelectionError } from '#sandbox';
import { LanguageRegistry } from '#languages';

/** language id -> container runtime, for languages that do not use the worker's RUNQ_RUNTIME. */
export const RUNTIME_OVERRIDES = Symbol('RUNTIME_OVERRIDES');

/** Resolves RUNQ_RUNTIME_OVERRIDES against the catalog; a bad entry stops the worker with a readable message. */
export function runtimeOverridesFrom(config: RunqConfig, catalog: LanguageRegistry): Record<string, string> {
  try {
    return resolveRuntimeOverrides(config.worker.runtimeOverrides, catalog);
  } catch (error) {
    if (error instanceof RuntimeSelectionError) throw new ConfigError(`Invalid configuration: ${error.message}`);
    throw error;
  }
}

/**
 * At start, before any job is taken: every runtime this worker would use must exist on its
 * Docker engine, so a misconfigured worker stops at once instead of failing every job.
 */
@Injectable()
export class RuntimeCheck implements OnModuleInit {
  private readonly logger = new Logger(RuntimeCheck.name);

  constructor(
    private readonly docker: DockerInventory,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
    @Inject(RUNTIME_OVERRIDES) private readonly overrides: Record<string, string>,
  ) {}

  async onModuleInit(): Promise<void> {
    const available = await this.docker.runtimes();
    try {
      checkRuntimesAvailable(this.config.worker.runtime, this.overrides, available);
    } catch (error) {
      if (error instanceof RuntimeSelectionError) throw new ConfigError(`Invalid configuration: ${error.message}`);
      throw error;
    }
    const overrides = Object.entries(this.overrides).map(([language, runtime]) => `${language}=${runtime}`);
    this.logger.log(`sandbox runtime ${this.config.worker.runtime}${overrides.length ? `; overrides: ${overrides.join(', ')}` : ''}`);
  }
}
