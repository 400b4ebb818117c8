import ipaddr from 'ipaddr.js';
import { nonPublicRange } from '#webhooks';

/** An operator's exception to the public-addresses-only rule: a network, optionally one port. */
export interface AddressAllowance {
  network: [ipaddr.IPv4 | ipaddr.IPv6, number];
  port: number | null;
}

/** "127.0.0.1:8080", "10.0.0.0/8", "[::1]:8080", "fd00::/8" (IPv6 with a port in brackets). */
export function parseAddressAllowance(text: string): AddressAllowance | string {
  let rest = text.trim();
  let port: number | null = null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) {
    rest = bracketed[1];
    port = bracketed[2] !== undefined ? Number(bracketed[2]) : null;
  } else if (/^[^:]+:\d+$/.test(rest)) {
    const at = rest.lastIndexOf(':');
    port = Number(rest.slice(at + 1));
    rest = rest.slice(0, at);
  }
  if (port !== null && (port < 1 || port > 65535)) return `"${text}" has a port outside 1-65535`;
  try {
    if (rest.includes('/')) return { network: ipaddr.parseCIDR(rest), port };
    const address = ipaddr.parse(rest);
    return { network: [address, address.kind() === 'ipv4' ? 32 : 128], port };
  } catch {
    return `"${text}" is not an address, CIDR or address:port`;
  }
}

export function parseAddressAllowances(list: string[]): AddressAllowance[] {
  return list.map((entry) => {
    const parsed = parseAddressAllowance(entry);
    if (typeof parsed === 'string') throw new Error(parsed);
    return parsed;
  });
}

function allowed(literal: string, port: number, allowances: AddressAllowance[]): boolean {
  const address = ipaddr.process(literal);
  return allowances.some(({ network, port: only }) => {
    if (only !== null && only !== port) return false;
    if (address.kind() !== network[0].kind()) return false;
    return address.kind() === 'ipv4'
      ? (address as ipaddr.IPv4).match(network as [ipaddr.IPv4, number])
      : (address as ipaddr.IPv6).match(network as [ipaddr.IPv6, number]);
  });
}

/** Why a function may not connect to this resolved address and port, or null when it may. */
export function addressRefusal(literal: string, port: number, allowances: AddressAllowance[]): string | null {
  const range = nonPublicRange(literal);
  if (range === null || allowed(literal, port, allowances)) return null;
  return `${literal} is a ${range} address`;
}
