import { Inject, Injectable } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { ExecutionQueues } from '#messaging';

/** The API side of the queues: producer only; each language goes to its pool's queue. */
@Injectable()
export class JobQueue {
  constructor(
    private readonly queues: ExecutionQueues,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  async enqueue(jobId: string, language: string): Promise<void> {
    await this.queues.enqueue(jobId, language, this.config.worker.attempts);
  }

  /** Jobs waiting for a worker in all pools: waiting + delayed (retries) + prioritized; running ones are not counted. */
  async depth(): Promise<number> {
    const { waiting, delayed, prioritized } = await this.queues.counts('waiting', 'delayed', 'prioritized');
    return waiting + delayed + prioritized;
  }

  /** Drops a queued job; a job a worker has already locked stays, and the worker skips it. */
  async remove(jobId: string, language: string): Promise<void> {
    await this.queues
      .forLanguage(language)
      .remove(jobId)
      .catch(() => undefined);
  }
}
