import { isIP } from 'node:net';

/**
 * Whether an IP address literal is reachable from the internet: not RFC 1918 private, CGNAT
 * (100.64/10), loopback, link-local, "this network" (0/8), IPv6 unique-local or link-local.
 * Anything that is not an IP literal is not a public address.
 */
export function isPublicAddress(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const ip = value.trim();
  switch (isIP(ip)) {
    case 4:
      return isPublicV4(ip.split('.').map(Number));
    case 6:
      return isPublicV6(ip.toLowerCase());
    default:
      return false;
  }
}

function isPublicV4([a = 0, b = 0]: number[]): boolean {
  if (a === 0 || a === 10 || a === 127) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 169 && b === 254) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  return true;
}

function isPublicV6(ip: string): boolean {
  if (ip === '::' || ip === '::1') return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return isPublicV4(mapped[1]!.split('.').map(Number));
  if (/^f[cd]/.test(ip) || /^fe[89ab]/.test(ip)) return false;
  return true;
}
