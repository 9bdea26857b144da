import type { ArmResource, JsonValue } from '../model';

/** Reads `properties.<path>` of a wire-shape resource; missing = null. */
export function readProperty(resource: ArmResource, path: readonly string[]): JsonValue {
  let node: unknown = resource.properties ?? undefined;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return null;
    node = (node as Record<string, unknown>)[key];
  }
  return node === undefined ? null : (node as JsonValue);
}
