/**
 * Child resources ARM returns inside their parent (`properties.<array>`) rather than as
 * resources of their own. Keys are lower case: parent type, then child type segment.
 */
interface EmbeddedSpec {
  /** The array under `properties`. */
  readonly property: string;
  /** Whether PUT / DELETE of a single element is allowed (default rules are read-only). */
  readonly writable: boolean;
}

const EMBEDDED: Readonly<Record<string, Readonly<Record<string, EmbeddedSpec>>>> = {
  'microsoft.network/networksecuritygroups': {
    securityrules: { property: 'securityRules', writable: true },
    defaultsecurityrules: { property: 'defaultSecurityRules', writable: false },
  },
  'microsoft.network/virtualnetworks': {
    subnets: { property: 'subnets', writable: true },
    virtualnetworkpeerings: { property: 'virtualNetworkPeerings', writable: true },
  },
  'microsoft.network/networkinterfaces': {
    ipconfigurations: { property: 'ipConfigurations', writable: true },
  },
  'microsoft.network/routetables': {
    routes: { property: 'routes', writable: true },
  },
};

/** The embedding of `childType` (one segment, e.g. `securityRules`) in a parent of `parentType` (`Microsoft.Network/networkSecurityGroups`). */
export function embeddedSpec(parentType: string, childType: string): EmbeddedSpec | undefined {
  return EMBEDDED[parentType.toLowerCase()]?.[childType.toLowerCase()];
}

/** Every embedded array property of a parent type. */
export function embeddedProperties(parentType: string): ReadonlyArray<readonly [string, EmbeddedSpec]> {
  return Object.entries(EMBEDDED[parentType.toLowerCase()] ?? {});
}

export type JsonRecord = Record<string, unknown>;

function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The elements of `parent.properties[property]` (objects only). */
export function embeddedElements(parent: { properties?: JsonRecord | null }, property: string): JsonRecord[] {
  const list = parent.properties?.[property];
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

/** Index of the element named `name` (case-insensitive) in `parent.properties[property]`, or -1. */
export function embeddedIndex(parent: { properties?: JsonRecord | null }, property: string, name: string): number {
  const list = parent.properties?.[property];
  if (!Array.isArray(list)) return -1;
  const key = name.toLowerCase();
  return list.findIndex((e) => isRecord(e) && typeof e.name === 'string' && e.name.toLowerCase() === key);
}
