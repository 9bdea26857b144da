import { InvalidArgumentError } from 'commander';
import type { RateLimit } from '../sandbox';

/** `READS_BURST:READS_PER_S[:WRITES_BURST:WRITES_PER_S]` -> the sandbox's read and write buckets. */
export function parseRateLimit(value: string): { reads: RateLimit; writes?: RateLimit } {
  const parts = value.split(':');
  const numbers = parts.map(Number);
  const ok = (parts.length === 2 || parts.length === 4) && parts.every((p) => /^\d+(\.\d+)?$/.test(p)) && numbers.every((n, i) => (i % 2 === 0 ? Number.isInteger(n) && n >= 1 : n > 0));
  if (!ok) throw new InvalidArgumentError('expected READS_BURST:READS_PER_S[:WRITES_BURST:WRITES_PER_S], bursts whole numbers >= 1 and rates > 0 (e.g. 250:25:200:10).');
  const [rb, rps, wb, wps] = numbers as [number, number, number?, number?];
  return { reads: { capacity: rb, refillPerSecond: rps }, ...(wb !== undefined && wps !== undefined ? { writes: { capacity: wb, refillPerSecond: wps } } : {}) };
}
