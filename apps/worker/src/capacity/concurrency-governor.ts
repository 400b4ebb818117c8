import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { availableParallelism, freemem, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { nextConcurrency, type HostSample } from './concurrency-policy';

const SAMPLE_EVERY_MS = 5000;

/** The host as Linux reports it; MemAvailable counts reclaimable cache, unlike os.freemem(). */
export function sampleHost(): HostSample {
  let availableMemoryMb = freemem() / 1024 / 1024;
  try {
    const match = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (match) availableMemoryMb = Number(match[1]) / 1024;
  } catch {
    // not Linux: freemem() it is
  }
  return { cores: availableParallelism(), load1: loadavg()[0], availableMemoryMb };
}

/**
 * Sizes this worker's job slots to its host every few seconds, between
 * RUNQ_WORKER_MIN_CONCURRENCY and RUNQ_WORKER_CONCURRENCY (RUNQ_WORKER_ADAPTIVE=false pins the maximum).
 */
@Injectable()
export class ConcurrencyGovernor implements OnApplicationShutdown {
  private readonly logger = new Logger(ConcurrencyGovernor.name);
  private timer: NodeJS.Timeout | undefined;
  private current: number;

  constructor(@Inject(RUNQ_CONFIG) private readonly config: RunqConfig) {
    this.current = config.worker.concurrency;
  }

  get concurrency(): number {
    return this.current;
  }

  /** Calls `apply` with each new value; starts at the configured maximum. */
  start(apply: (concurrency: number) => void, sample: () => HostSample = sampleHost): void {
    if (!this.config.worker.adaptive || this.config.worker.minConcurrency === this.config.worker.concurrency) return;
    const bounds = {
      min: this.config.worker.minConcurrency,
      max: this.config.worker.concurrency,
      jobMemoryMb: this.config.defaults.memoryMb,
    };
    this.timer = setInterval(() => {
      const host = sample();
      const next = nextConcurrency(this.current, host, bounds);
      if (next === this.current) return;
      this.logger.log(
        `concurrency ${this.current} → ${next} (load ${host.load1.toFixed(2)} on ${host.cores} cores, ${Math.round(host.availableMemoryMb)} MiB available)`,
      );
      this.current = next;
      apply(next);
    }, SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
