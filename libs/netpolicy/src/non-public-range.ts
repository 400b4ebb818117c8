import ipaddr from 'ipaddr.js';

export type Address = ipaddr.IPv4 | ipaddr.IPv6;
/** An address and a prefix length, as ipaddr.js parses a CIDR. */
export type Network = [Address, number];

/** A range ipaddr.js 1.9 files under "unicast" that is still no public host: benchmarking (RFC 2544). */
const EXTRA_IPV4_REFUSED: [string, Network][] = [['benchmarking', ipaddr.IPv4.parseCIDR('198.18.0.0/15')]];

/** Only global unicast IPv6 (2000::/3) is public; ipaddr.js calls many other ranges "unicast" too. */
const IPV6_GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

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

/** An IP literal as ipaddr.js reads it (which includes forms like "127.1"), or null. */
export function parseAddress(literal: string): Address | null {
  try {
    return ipaddr.parse(literal);
  } catch {
    return null;
  }
}

/**
 * The name of the non-public range an IP literal is in ("loopback", "link-local", …), judging
 * an IPv4 address embedded in IPv6 by that IPv4 address; null for a public address.
 */
export function nonPublicRange(literal: string): string | null {
  const address = parseAddress(literal);
  if (!address) return 'invalid';
  return classify(embeddedIPv4(address) ?? address);
}

/**
 * The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address:
 * the connection really goes to that IPv4 host, so it is the one to judge.
 */
export function embeddedIPv4(address: Address): ipaddr.IPv4 | null {
  if (address.kind() !== 'ipv6') return null;
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range !== 'ipv4Mapped' && range !== 'rfc6052') return null;
  const [high, low] = v6.parts.slice(-2);
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

export function inNetwork(address: Address, network: Network): boolean {
  if (address.kind() !== network[0].kind()) return false;
  return address.kind() === 'ipv4'
    ? (address as ipaddr.IPv4).match(network as [ipaddr.IPv4, number])
    : (address as ipaddr.IPv6).match(network as [ipaddr.IPv6, number]);
}

/** The name of the non-public range the address is in, or null for a public address. */
function classify(address: Address): string | null {
  if (address.kind() === 'ipv4') {
    const v4 = address as ipaddr.IPv4;
    const range = v4.range();
    if (range !== 'unicast') return RANGE_NAMES[range] ?? range;
    const extra = EXTRA_IPV4_REFUSED.find(([, network]) => inNetwork(v4, network));
    return extra ? extra[0] : null;
  }
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range !== 'unicast') return RANGE_NAMES[range] ?? range;
  return v6.match(IPV6_GLOBAL_UNICAST) ? null : 'reserved';
}
