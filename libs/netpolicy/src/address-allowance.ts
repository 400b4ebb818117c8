import ipaddr from 'ipaddr.js';
import { splitHostPort } from './host-port';
import { embeddedIPv4, inNetwork, type Network, nonPublicRange, parseAddress } from './non-public-range';

/** An operator's exception to the public-addresses-only rule: a network, optionally one port. */
export interface AddressAllowance {
  network: Network;
  port: number | null;
}

/** "10.0.0.0/8", or a bare address meaning just that host; null when it is neither. */
export function parseNetwork(text: string): Network | null {
  try {
    if (text.includes('/')) return ipaddr.parseCIDR(text);
    const address = ipaddr.parse(text);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return null;
  }
}

/** "127.0.0.1:8080", "10.0.0.0/8", "[::1]:8080", "fd00::/8" (IPv6 with a port in brackets). */
export function parseAddressAllowance(text: string): AddressAllowance | string {
  const { host, port } = splitHostPort(text.trim());
  if (port !== null && (port < 1 || port > 65535)) return `"${text}" has a port outside 1-65535`;
  const network = parseNetwork(host);
  return network ? { network, port } : `"${text}" is not an address, CIDR or address:port`;
}

export function parseAddressAllowances(list: string[]): AddressAllowance[] {
  return list.map((entry) => {
    const parsed = parseAddressAllowance(entry);
    if (typeof parsed === 'string') throw new Error(parsed);
    return parsed;
  });
}

/** Networks (CIDRs or bare addresses) allowed on any port; an entry that does not parse allows nothing. */
export function networkAllowances(list: string[]): AddressAllowance[] {
  return list.flatMap((entry) => {
    const network = parseNetwork(entry);
    return network ? [{ network, port: null }] : [];
  });
}

/**
 * Does an allowance cover this IP literal (and port, when the allowance names one)? An IPv4
 * address embedded in IPv6 is covered by its IPv4 network too, as that is the host reached.
 */
export function addressAllowed(literal: string, allowances: AddressAllowance[], port: number | null = null): boolean {
  const address = parseAddress(literal);
  if (!address) return false;
  const candidates = [address, embeddedIPv4(address) ?? address];
  return allowances.some(({ network, port: only }) => (only === null || only === port) && candidates.some((c) => inNetwork(c, network)));
}

/** Why a function may not connect to this resolved address and port, or null when it may. */
export function addressRefusal(literal: string, port: number, allowances: AddressAllowance[]): string | null {
  const range = nonPublicRange(literal);
  if (range === null || addressAllowed(literal, allowances, port)) return null;
  return `${literal} is a ${range} address`;
}
