import { idKey, parseArmId, tryParseArmId, type ArmResource } from '../model';
import type { ResourceStore } from './store';

export const RESOURCE_GROUP_TYPE = 'Microsoft.Resources/resourceGroups';
const DEFAULT_LOCATION = 'eastus';

export interface SubscriptionObject {
  readonly id: string;
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly state: 'Enabled';
  readonly tenantId: string;
}

export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

/** Subscription ids that occur in the estate, first spelling wins, in store order. */
export function subscriptionIds(store: ResourceStore): string[] {
  const seen = new Map<string, string>();
  for (const r of store.all()) {
    const s = tryParseArmId(r.id)?.subscriptionId;
    if (s && !seen.has(s.toLowerCase())) seen.set(s.toLowerCase(), s);
  }
  return [...seen.values()];
}

export function subscriptionObject(subscriptionId: string, tenantId: string): SubscriptionObject {
  return {
    id: `/subscriptions/${subscriptionId}`,
    subscriptionId,
    displayName: `sandbox-${subscriptionId.slice(0, 8)}`,
    state: 'Enabled',
    tenantId,
  };
}

/**
 * The resource group object: the one in the estate (`Microsoft.Resources/resourceGroups`),
 * else synthesized when any resource lives in the group, else undefined.
 */
export function findResourceGroup(store: ResourceStore, subscriptionId: string, resourceGroup: string): ArmResource | undefined {
  const stored = store.get(resourceGroupId(subscriptionId, resourceGroup));
  if (stored) return stored;
  const sub = subscriptionId.toLowerCase();
  const rg = resourceGroup.toLowerCase();
  for (const r of store.all()) {
    const p = tryParseArmId(r.id);
    if (p?.resourceGroup && p.subscriptionId.toLowerCase() === sub && p.resourceGroup.toLowerCase() === rg) {
      return synthesize(p.subscriptionId, p.resourceGroup);
    }
  }
  return undefined;
}

/** Every resource group of the subscription (stored or synthesized), in order of first appearance. */
export function listResourceGroups(store: ResourceStore, subscriptionId: string): ArmResource[] {
  return resourceGroupsIn(store, new Set([subscriptionId.toLowerCase()]));
}

/** Every resource group of the subscriptions (lower-case ids), in one walk of the estate. */
export function resourceGroupsIn(store: ResourceStore, subscriptions: ReadonlySet<string>): ArmResource[] {
  const found = new Map<string, ArmResource>();
  for (const r of store.all()) {
    const p = tryParseArmId(r.id);
    if (!p?.resourceGroup || !subscriptions.has(p.subscriptionId.toLowerCase())) continue;
    const key = idKey(resourceGroupId(p.subscriptionId, p.resourceGroup));
    if (found.has(key)) continue;
    found.set(key, store.get(key) ?? synthesize(p.subscriptionId, p.resourceGroup));
  }
  return [...found.values()];
}

function synthesize(subscriptionId: string, resourceGroup: string): ArmResource {
  return {
    id: resourceGroupId(subscriptionId, resourceGroup),
    name: resourceGroup,
    type: RESOURCE_GROUP_TYPE,
    location: DEFAULT_LOCATION,
    tags: {},
    properties: { provisioningState: 'Succeeded' },
  };
}

/** Whether a scope (subscription, resource group or resource) exists; any well-formed subscription does. */
export function scopeExists(store: ResourceStore, scope: string): boolean {
  const p = tryParseArmId(scope);
  if (!p) return false;
  if (!p.provider) return p.resourceGroup ? findResourceGroup(store, p.subscriptionId, p.resourceGroup) !== undefined : true;
  return store.get(scope) !== undefined;
}

export function isResourceGroupObject(r: ArmResource): boolean {
  const p = parseArmId(r.id);
  return p.resourceGroup !== undefined && p.provider === undefined;
}
