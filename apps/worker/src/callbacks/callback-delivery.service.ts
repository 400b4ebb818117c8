import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { CallbackState } from '#contracts';
import { ApiKeyRepository } from '#keys';
import { judge0CallbackBody, JobRepository, presentJob, type Job } from '#jobs';
import { WebhookClient, WebhookDeliveryError, webhookHeaders, WebhookSigningError } from '#webhooks';

export interface DeliveryAttempt {
  jobId: string;
  /** 1 for the first try (BullMQ's attemptsMade + 1). */
  attempt: number;
  maxAttempts: number;
}

export type DeliveryResult = 'delivered' | 'skipped';

/**
 * One delivery attempt of a job's webhook, with its outcome written to the job. A retryable failure
 * throws so the queue tries again with backoff; a final one throws UnrecoverableError so it does not.
 */
@Injectable()
export class CallbackDeliveryService {
  private readonly logger = new Logger(CallbackDeliveryService.name);

  constructor(
    private readonly jobs: JobRepository,
    private readonly keys: ApiKeyRepository,
    private readonly client: WebhookClient,
  ) {}

  async deliver({ jobId, attempt, maxAttempts }: DeliveryAttempt): Promise<DeliveryResult> {
    const found = await this.jobs.findForCallback(jobId);
    const url = found?.job.callbackUrl;
    // Deleted since, or never had a URL: nothing to tell anyone.
    if (!found || !url) return 'skipped';
    const { job } = found;
    const sentAt = new Date();
    let status: number;
    try {
      const secret = found.secret ?? (job.apiKeyId ? await this.keys.webhookSecret(job.apiKeyId) : '');
      // A Judge0 submission is called back as Judge0 does; the signature headers come along all the same.
      const judge0 = job.callbackFormat === 'judge0';
      const body = JSON.stringify(judge0 ? judge0CallbackBody(job) : presentJob(job, { artifactBodies: false }));
      const headers = webhookHeaders(secret, job.id, body, Math.floor(sentAt.getTime() / 1000));
      status = await this.client.send({ url, body, headers, method: judge0 ? 'PUT' : 'POST' });
    } catch (error) {
      return this.failed(job, attempt, maxAttempts, error as Error);
    }
    await this.record(job.id, {
      status: 'delivered',
      attempts: attempt,
      lastError: null,
      lastStatus: status,
      deliveredAt: new Date().toISOString(),
    });
    this.logger.log(`job ${job.id}: webhook delivered (${status}) on attempt ${attempt}`);
    return 'delivered';
  }

  private async failed(job: Job, attempt: number, maxAttempts: number, error: Error): Promise<never> {
    const { message, retryable, status } = describe(error);
    const final = !retryable || attempt >= maxAttempts;
    await this.record(job.id, {
      status: final ? 'failed' : 'pending',
      attempts: attempt,
      lastError: message,
      lastStatus: status,
      deliveredAt: null,
    });
    if (!final) {
      this.logger.warn(`job ${job.id}: webhook attempt ${attempt}/${maxAttempts} failed, will retry: ${message}`);
      throw new Error(message);
    }
    this.logger.warn(`job ${job.id}: webhook failed for good after attempt ${attempt}: ${message}`);
    throw new UnrecoverableError(message);
  }

  private record(jobId: string, state: CallbackState): Promise<void> {
    return this.jobs.recordCallback(jobId, state);
  }
}

function describe(error: Error): { message: string; retryable: boolean; status: number | null } {
  if (error instanceof WebhookDeliveryError) return { message: error.message, retryable: error.retryable, status: error.status };
  if (error instanceof WebhookSigningError)
    return { message: 'cannot sign the webhook: the job was not submitted with an API key', retryable: false, status: null };
  // Anything else (the database while fetching the secret, say) is ours, not the receiver's: worth another try.
  return { message: `webhook not sent: ${error.message}`, retryable: true, status: null };
}
