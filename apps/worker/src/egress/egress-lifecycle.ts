import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { defaultEgressSocketDir, RUNQ_CONFIG, type RunqConfig } from '#config';
import { EgressProxy } from '#sandbox';
import { WORKER_ID } from '../worker.tokens';

export const EGRESS_GATEWAY = Symbol('EGRESS_GATEWAY');

/** Most bytes a function may send in one request body. */
const MAX_REQUEST_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;

/** Starts the worker's egress proxy when the operator allows any host, and stops it at shutdown. */
@Injectable()
export class EgressLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('egress');
  private proxy: EgressProxy | null = null;

  constructor(
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
    @Inject(WORKER_ID) private readonly workerId: string,
  ) {}

  async start(): Promise<EgressProxy | null> {
    const { egress } = this.config;
    if (!egress.allow.length) return null;
    const proxy = new EgressProxy({
      socketDir: egress.socketDir ?? defaultEgressSocketDir(this.workerId),
      allowPrivate: egress.allowPrivate,
      timeoutMs: egress.timeoutMs,
      maxResponseBytes: egress.maxResponseBytes,
      maxRequestBytes: MAX_REQUEST_BYTES,
      maxRequests: egress.maxRequests,
      maxRedirects: MAX_REDIRECTS,
    });
    await proxy.start();
    this.proxy = proxy;
    this.logger.log(`egress proxy on ${proxy.socketPath} for ${egress.allow.join(', ')}`);
    return proxy;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.proxy?.stop();
  }
}
