/**
 * IPv4 CIDR arithmetic for subnet capacity. Azure reserves 5 addresses in every subnet address
 * range (network, gateway, 2 x DNS, broadcast). IPv6 prefixes are ignored: Azure ML compute takes
 * IPv4 addresses.
 */
export const AZURE_RESERVED_PER_PREFIX = 5;

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Addresses in an IPv4 CIDR (`10.0.0.0/24` -> 256); undefined for IPv6 or anything malformed. */
export function ipv4CidrSize(cidr: string): number | undefined {
  const m = IPV4_CIDR.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  return 2 ** (32 - bits);
}

/** Addresses Azure can hand out in one IPv4 prefix: its size minus the 5 reserved, never below 0. */
export function usableIpv4Addresses(cidr: string): number | undefined {
  const size = ipv4CidrSize(cidr);
  return size === undefined ? undefined : Math.max(0, size - AZURE_RESERVED_PER_PREFIX);
}
