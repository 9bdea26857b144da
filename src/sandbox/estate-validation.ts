import type { z } from 'zod';
import { estateSchema, idKey, type ArmResource } from '../model';

/** A bad estate: names the source and the JSON path of the problem. */
export class EstateError extends Error {
  override name = 'EstateError';
}

/** `$[3].properties.tags["cost center"]` */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => {
    if (typeof k === 'number') return `${acc}[${k}]`;
    const s = String(k);
    return /^[A-Za-z_$][\w$]*$/.test(s) ? `${acc}.${s}` : `${acc}[${JSON.stringify(s)}]`;
  }, '$');
}

function describe(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((i) => `${jsonPath(i.path)}: ${i.message}`);
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `${issues.join('; ')}${more}`;
}

/** Validates an estate (a JSON array of ARM resources, ids unique case-insensitively). Throws EstateError. */
export function parseEstate(raw: unknown, source: string): ArmResource[] {
  const r = estateSchema.safeParse(raw);
  if (!r.success) throw new EstateError(`${source}: ${describe(r.error)}`);
  const seen = new Map<string, number>();
  r.data.forEach((resource, i) => {
    const key = idKey(resource.id);
    const first = seen.get(key);
    if (first !== undefined) throw new EstateError(`${source}: ${jsonPath([i, 'id'])}: duplicate id (ids are case-insensitive), first at ${jsonPath([first])}`);
    seen.set(key, i);
  });
  // the input itself (validated), so key order and unknown fields survive a round trip
  return raw as ArmResource[];
}
