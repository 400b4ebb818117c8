import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { hostOf } from '#netpolicy';
import { assertDeliverableAddress, UndeliverableAddressError } from './callback-target';

export interface WebhookRequest {
  url: string;
  /** POST unless said otherwise (Judge0's callbacks are PUTs). */
  method?: 'POST' | 'PUT';
  body: string;
  headers: Record<string, string>;
}

/** Why a delivery attempt did not succeed, and whether trying again later may help. */
export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The receiver's HTTP status, when it answered. */
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

class DeliveryTimeout extends Error {}

const MAX_MESSAGE_LENGTH = 300;

/**
 * POSTs one webhook. Plain node:http(s) rather than fetch, for its `lookup` hook: the address the
 * socket connects to is the one that was checked, so DNS cannot answer differently in between.
 */
@Injectable()
export class WebhookClient {
  private readonly timeoutMs: number;
  private readonly allowedNetworks: string[];

  constructor(@Inject(RUNQ_CONFIG) config: Pick<RunqConfig, 'webhooks'>) {
    this.timeoutMs = config.webhooks.timeoutMs;
    this.allowedNetworks = config.webhooks.allowedNetworks;
  }

  /** Resolves with the 2xx status; rejects with a WebhookDeliveryError otherwise. */
  async send(request: WebhookRequest): Promise<number> {
    const url = this.target(request.url);
    const body = Buffer.from(request.body, 'utf8');
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<number>((resolve, reject) => {
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        action();
      };
      const req = transport.request(url, {
        method: request.method ?? 'POST',
        headers: { ...request.headers, 'Content-Length': String(body.length) },
        lookup: this.lookup,
        // A fresh socket each time: a pooled one might have been connected to an address checked under other rules.
        agent: false,
      });
      // One deadline for everything (DNS, connect, TLS, response headers), unlike the socket's idle timeout.
      const timer = setTimeout(() => req.destroy(new DeliveryTimeout(`no response within ${this.timeoutMs} ms`)), this.timeoutMs);
      req.on('response', (res) => {
        // The body is of no use to us; dropping the socket also stops a receiver that streams forever.
        res.destroy();
        settle(() => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(status);
          else reject(statusError(status, res.headers.location));
        });
      });
      req.on('error', (error) => settle(() => reject(networkError(error))));
      req.end(body);
    });
  }

  /** The parsed URL, refused at once when it cannot be a webhook target (an IP literal is never looked up). */
  private target(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new WebhookDeliveryError('callbackUrl is not a valid URL', false);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookDeliveryError('callbackUrl must use http or https', false);
    const host = hostOf(url);
    if (isIP(host)) {
      try {
        assertDeliverableAddress(host, this.allowedNetworks);
      } catch (error) {
        throw networkError(error as Error);
      }
    }
    return url;
  }

  /** Every resolved address must be deliverable, or none is used: a mixed answer is how DNS rebinding starts. */
  private readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolve(hostname, options).then(
      (addresses) => {
        try {
          if (!addresses.length) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
          for (const { address } of addresses) assertDeliverableAddress(address, this.allowedNetworks);
        } catch (error) {
          callback(error as NodeJS.ErrnoException, '');
          return;
        }
        const [first] = addresses;
        if (options.all) callback(null, [first]);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };

  /** DNS resolution, all addresses at once (a seam for tests). */
  protected resolve(hostname: string, options: LookupOptions): Promise<LookupAddress[]> {
    return new Promise((resolve, reject) => {
      dnsLookup(hostname, { family: options.family ?? 0, hints: options.hints, all: true }, (error, addresses) =>
        error ? reject(error) : resolve(addresses),
      );
    });
  }
}

/** 408, 429 and 5xx may pass; a redirect is never followed (it could point anywhere) and other 4xx will not change. */
function statusError(status: number, location: string | undefined): WebhookDeliveryError {
  if (status >= 300 && status < 400) {
    const where = location ? ` to ${truncate(location)}` : '';
    return new WebhookDeliveryError(`receiver answered ${status} (redirect${where}); redirects are not followed`, false, status);
  }
  const retryable = status === 408 || status === 429 || status >= 500;
  return new WebhookDeliveryError(`receiver answered ${status}`, retryable, status);
}

function networkError(error: Error): WebhookDeliveryError {
  if (error instanceof WebhookDeliveryError) return error;
  if (error instanceof UndeliverableAddressError) return new WebhookDeliveryError(error.message, false);
  if (error instanceof DeliveryTimeout) return new WebhookDeliveryError(error.message, true);
  return new WebhookDeliveryError(`request failed: ${truncate(error.message)}`, true);
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}
