import { isIP } from 'node:net';
import { addressAllowed, hostOf, networkAllowances, nonPublicRange, parseAddress } from '#netpolicy';

const MAX_URL_LENGTH = 2048;

/** A callback target the webhook must never reach (SSRF policy). Never worth retrying. */
export class UndeliverableAddressError extends Error {}

/**
 * Checks a callbackUrl when a job is submitted: returns a message naming the problem, or
 * null. (Delivery checks the resolved addresses again, since DNS can change.)
 */
export function validateCallbackUrl(raw: string, allowedNetworks: string[]): string | null {
  if (typeof raw !== 'string' || raw.length === 0) return 'callbackUrl must be an absolute http(s) URL';
  if (raw.length > MAX_URL_LENGTH) return `callbackUrl must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'callbackUrl must be an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'callbackUrl must use http or https';
  // Credentials in the URL would be stored and shown with the job; a receiver should check the signature instead.
  if (url.username || url.password) return 'callbackUrl must not contain a user name or password';
  const host = hostOf(url);
  if (!host) return 'callbackUrl must name a host';
  if (isIP(host)) {
    const refusal = refusalOf(host, allowedNetworks);
    if (refusal) return `callbackUrl ${refusal}`;
  }
  return null;
}

/**
 * Throws UndeliverableAddressError unless a webhook may connect to `address` (an IP literal):
 * called on every address a callback host resolves to, right before connecting.
 */
export function assertDeliverableAddress(address: string, allowedNetworks: string[]): void {
  const refusal = refusalOf(address, allowedNetworks);
  if (refusal) throw new UndeliverableAddressError(`callback target ${refusal}`);
}

/**
 * Why the address may not be a webhook target, phrased to follow "callbackUrl", or null. An
 * operator's allowed network (CIDR, or a bare address for one host) wins over the policy.
 */
function refusalOf(literal: string, allowedNetworks: string[]): string | null {
  if (!parseAddress(literal)) return `address ${literal} is not a valid IP address`;
  if (addressAllowed(literal, networkAllowances(allowedNetworks))) return null;
  const range = nonPublicRange(literal);
  if (range === null) return null;
  // Naming the setting: a self-hosted receiver on loopback or a private network is a common, legitimate need.
  return `address ${literal} is in a ${range} range, which webhooks may not reach unless the server lists it in RUNQ_WEBHOOK_ALLOWED_NETWORKS (an address or CIDR, e.g. ${literal})`;
}
