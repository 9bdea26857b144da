import { nameOf, parseArmId, resourceTypeOf, ResourceTypes, type ArmResource } from '../model';
import type { InventoryItem } from '../store';
import { computeView, isInstanceOrCluster } from '../rules/compute/compute-view';
import { isPublicAddress } from '../rules/compute/public-address';
import { publicIpReasons } from '../rules/compute/public-ip';
import type { GuardContext } from './context';

const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * Whether a compute's nodes get a public IP, as AML-CMP-001 judges it (one definition for the
 * rule and the KPI): `enableNodePublicIp` true, or missing on a compute instance / cluster (ARM's
 * default is true), or a public address in `connectivityEndpoints`.
 */
export function computeHasPublicIp(compute: ArmResource): boolean {
  const view = computeView(compute);
  if (view.enableNodePublicIp === null && !isInstanceOrCluster(view)) return isPublicAddress(view.publicIpAddress);
  return publicIpReasons(view).length > 0;
}

/** The inventory row of an evaluated resource (pure); `armOnlyRead`: see InventoryItem. */
export function inventoryItemOf(snapshot: ArmResource, at: string, armOnlyRead = false): InventoryItem {
  const type = resourceTypeOf(snapshot.id);
  const base: InventoryItem = {
    resourceId: snapshot.id,
    subscriptionId: parseArmId(snapshot.id).subscriptionId.toLowerCase(),
    type,
    name: snapshot.name || nameOf(snapshot.id),
    lastEvaluated: at,
    deleted: false,
    ...(armOnlyRead ? { armOnlyRead } : {}),
  };
  const props = record(snapshot.properties);
  if (type === ResourceTypes.workspace) {
    const pna = props.publicNetworkAccess;
    return { ...base, publicNetworkAccessDisabled: typeof pna === 'string' && pna.toLowerCase() === 'disabled' };
  }
  if (type === ResourceTypes.compute) {
    const inner = record(props.properties);
    return {
      ...base,
      ...(typeof props.computeType === 'string' ? { computeType: props.computeType } : {}),
      publicIp: computeHasPublicIp(snapshot),
      ...(typeof inner.state === 'string' ? { state: inner.state } : {}),
    };
  }
  return base;
}

/**
 * Records what was just evaluated in the `inventory` table (so compliant resources count in the
 * KPIs): an item upserts its row; `{ deleted: id }` flags the resource and its children deleted.
 * Store failures propagate (the invocation fails and is retried, like findings).
 */
export async function recordInventory(ctx: GuardContext, subject: InventoryItem | { readonly deleted: string }): Promise<void> {
  if (!('resourceId' in subject)) {
    await ctx.store.inventory.markDeleted(subject.deleted, ctx.clock().toISOString());
    return;
  }
  await ctx.store.inventory.upsert([subject]);
}

export { isPublicAddress };
