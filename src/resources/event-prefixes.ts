import type { ResourceDescriptor } from './descriptor';

/**
 * The `data.operationName` prefixes of the Event Grid subscriptions: each descriptor's prefix,
 * without those another prefix already covers (`.../workspaces` covers `.../workspaces/computes`).
 * Event Grid compares case-insensitively; ARM casing is kept.
 */
export function eventOperationPrefixes(descriptors: readonly ResourceDescriptor[]): string[] {
  const all = descriptors.flatMap((d) => (d.eventPrefix ? [d.eventPrefix] : []));
  const covers = (p: string, q: string) => q.toLowerCase() === p.toLowerCase() || q.toLowerCase().startsWith(`${p.toLowerCase()}/`);
  return all.filter((q, i) => !all.some((p, j) => j !== i && covers(p, q) && (p.length < q.length || j < i)));
}
