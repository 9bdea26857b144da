import { idKey, ResourceTypes, resourceTypeOf, type ArmResource } from '../model';
import type { GuardContext } from './context';

/**
 * Resource types no rule evaluates but whose changes matter to resources that rules do: an event
 * about one of these re-evaluates the resources it relays to. A NIC write can attach a public IP or
 * an NSG; a private endpoint change concerns the workspace it serves; a VNet or subnet write can
 * associate an NSG with a subnet that hosts AML compute.
 */
export interface Relay {
  readonly type: string;
  targets(ctx: GuardContext, id: string): Promise<string[]>;
}

const ref = (v: unknown): string | undefined => {
  const id = v && typeof v === 'object' ? (v as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.startsWith('/') ? id : undefined;
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const props = (r: ArmResource | null): Record<string, unknown> => (r?.properties ?? {}) as Record<string, unknown>;

export const RELAYS: readonly Relay[] = [
  {
    type: ResourceTypes.nic,
    async targets(ctx, id) {
      const nic = props(await ctx.reader.get(id));
      const ips = list(nic.ipConfigurations).map((c) => ref((c as { properties?: { publicIPAddress?: unknown } }).properties?.publicIPAddress));
      return [...ips, ref(nic.networkSecurityGroup)].filter((x): x is string => x !== undefined);
    },
  },
  {
    type: ResourceTypes.privateEndpoint,
    async targets(ctx, id) {
      return (await ctx.store.links.linksTo(id)).filter((l) => l.relation === 'privateEndpoint').map((l) => l.sourceId);
    },
  },
  {
    type: ResourceTypes.virtualNetwork,
    async targets(ctx, id) {
      const subnets = list(props(await ctx.reader.get(id)).subnets) as { id?: unknown; properties?: Record<string, unknown> }[];
      return subnets.flatMap((s) => [typeof s.id === 'string' ? s.id : undefined, ref(s.properties?.networkSecurityGroup)]).filter((x): x is string => x !== undefined);
    },
  },
  {
    type: ResourceTypes.subnet,
    async targets(ctx, id) {
      const nsg = ref(props(await ctx.reader.get(id)).networkSecurityGroup);
      return nsg ? [nsg] : [];
    },
  },
];

export function relayFor(id: string): Relay | undefined {
  const type = resourceTypeOf(id);
  return RELAYS.find((r) => r.type === type);
}

/** Relayed ids that some rule evaluates, each once, never the source itself. */
export async function relayedTargets(ctx: GuardContext, id: string, ruleTypes: ReadonlySet<string>): Promise<string[]> {
  const relay = relayFor(id);
  if (!relay) return [];
  const seen = new Set([idKey(id)]);
  return (await relay.targets(ctx, id)).filter((t) => {
    const key = idKey(t);
    if (seen.has(key) || !ruleTypes.has(resourceTypeOf(t))) return false;
    seen.add(key);
    return true;
  });
}
