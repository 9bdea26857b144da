import type { ArmResource } from '../../model';

/** A tag's value, its name compared case-insensitively as in ARM; blank values count as absent. */
export function findTag(resource: ArmResource | undefined, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(resource?.tags ?? {})) {
    if (key.toLowerCase() === wanted && typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

/** Tag names without case-insensitive duplicates, first spelling kept. */
export function uniqueTagNames(names: readonly string[]): string[] {
  return [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];
}
