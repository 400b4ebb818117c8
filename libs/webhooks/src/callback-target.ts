import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Network = [Address, number];

const MAX_URL_LENGTH = 2048;

/** A callback target the webhook must never reach (SSRF policy). Never worth retrying. */
export class UndeliverableAddressError extends Error {}

/** A range ipaddr.js 1.9 files under "unicast" that is still no public host: benchmarking (RFC 2544). */
const EXTRA_IPV4_REFUSED: [string, Network][] = [['benchmarking', ipaddr.IPv4.parseCIDR('198.18.0.0/15')]];

/** Only global unicast IPv6 (2000::/3) is public; ipaddr.js calls many other ranges "unicast" too. */
const IPV6_GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

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
 * The name of the non-public range an IP literal is in ("loopback", "link-local", …), judging
 * an IPv4 address embedded in IPv6 by that IPv4 address; null for a public address.
 */
export function nonPublicRange(literal: string): string | null {
  let address: Address;
  try {
    address = ipaddr.parse(literal);
  } catch {
    return 'invalid';
  }
  return classify(embeddedIPv4(address) ?? address);
}

/** The URL's host without IPv6 brackets (URL keeps them in `hostname`). */
export function hostOf(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Why the address may not be a webhook target, phrased to follow "callbackUrl", or null. */
function refusalOf(literal: string, allowedNetworks: string[]): string | null {
  let address: Address;
  try {
    address = ipaddr.parse(literal);
  } catch {
    return `address ${literal} is not a valid IP address`;
  }
  const effective = embeddedIPv4(address) ?? address;
  if (inAllowedNetwork(address, effective, allowedNetworks)) return null;
  const range = classify(effective);
  return range === null ? null : `address ${literal} is in a ${range} range, which webhooks may not reach`;
}

/**
 * The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address:
 * the connection really goes to that IPv4 host, so it is the one to judge.
 */
function embeddedIPv4(address: Address): ipaddr.IPv4 | null {
  if (address.kind() !== 'ipv6') return null;
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range !== 'ipv4Mapped' && range !== 'rfc6052') return null;
  const [high, low] = v6.parts.slice(-2);
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** The name of the non-public range the address is in, or null for a public address. */
function classify(address: Address): string | null {
  if (address.kind() === 'ipv4') {
    const v4 = address as ipaddr.IPv4;
    const range = v4.range();
    if (range !== 'unicast') return RANGE_NAMES[range] ?? range;
    const extra = EXTRA_IPV4_REFUSED.find(([, network]) => v4.match(network as [ipaddr.IPv4, number]));
    return extra ? extra[0] : null;
  }
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range !== 'unicast') return RANGE_NAMES[range] ?? range;
  return v6.match(IPV6_GLOBAL_UNICAST) ? null : 'reserved';
}

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT',
  private: 'private',
  reserved: 'reserved',
  uniqueLocal: 'unique-local',
  rfc6145: 'IPv4-translated',
  '6to4': '6to4',
  teredo: 'Teredo',
};

/** An operator's explicit allowance wins over the policy; CIDRs that do not parse allow nothing. */
function inAllowedNetwork(address: Address, effective: Address, allowedNetworks: string[]): boolean {
  return allowedNetworks.some((entry) => {
    const network = parseNetwork(entry);
    if (!network) return false;
    return [address, effective].some((candidate) => candidate.kind() === network[0].kind() && matches(candidate, network));
  });
}

function matches(address: Address, network: Network): boolean {
  return address.kind() === 'ipv4'
    ? (address as ipaddr.IPv4).match(network as [ipaddr.IPv4, number])
    : (address as ipaddr.IPv6).match(network as [ipaddr.IPv6, number]);
}

/** "10.0.0.0/8", or a bare address meaning just that host. */
function parseNetwork(entry: string): Network | null {
  try {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    const address = ipaddr.parse(entry);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return null;
  }
}
