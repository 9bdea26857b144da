import { idKey, resourceTypeOf, subjectTypeOf } from '../model';
import { descriptorOf, RESOURCE_DESCRIPTORS, type Relay } from '../resources';
import type { GuardContext } from './context';

/**
 * Resource types no rule evaluates but whose changes matter to resources that rules do (their
 * descriptor declares a relay): an event about one of these re-evaluates the resources it relays
 * to. A NIC write can attach a public IP or an NSG; a private endpoint change concerns the
 * workspace it serves; a VNet or subnet write can associate an NSG with a subnet that hosts AML compute.
 */
export const RELAY_TYPES: ReadonlySet<string> = new Set(RESOURCE_DESCRIPTORS.filter((d) => d.relay !== undefined).map((d) => d.type));

async function targetsOf(ctx: GuardContext, relay: Relay, id: string): Promise<string[]> {
  if (relay.from === 'links') return (await ctx.store.links.linksTo(id)).filter((l) => l.relation === relay.relation).map((l) => l.sourceId);
  const resource = await ctx.reader.get(id);
  return resource === null ? [] : relay.targets(resource);
}

/** Relayed ids that some rule evaluates, each once, never the source itself. */
export async function relayedTargets(ctx: GuardContext, id: string, ruleTypes: ReadonlySet<string>): Promise<string[]> {
  const relay = descriptorOf(resourceTypeOf(id))?.relay;
  if (!relay) return [];
  const seen = new Set([idKey(id)]);
  return (await targetsOf(ctx, relay, id)).filter((t) => {
    const key = idKey(t);
    if (seen.has(key) || !ruleTypes.has(subjectTypeOf(t))) return false;
    seen.add(key);
    return true;
  });
}
