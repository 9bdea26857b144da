import { isIP } from 'node:net';
import { nameOf, parseArmId, resourceTypeOf, ResourceTypes, type ArmResource } from '../model';
import type { InventoryItem } from '../store';
import type { GuardContext } from './context';

const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Private, loopback, link-local, CGNAT and unique-local ranges: addresses that are not reachable from the internet. */
export function isPublicAddress(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const ip = value.trim();
  const v = isIP(ip);
  if (v === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    if (a === 10 || a === 127 || a === 0) return false;
    if (a === 172 && b >= 16 && b <= 31) return false;
    if (a === 192 && b === 168) return false;
    if (a === 169 && b === 254) return false;
    if (a === 100 && b >= 64 && b <= 127) return false;
    return true;
  }
  if (v === 6) {
    const lower = ip.toLowerCase();
    if (lower === '::1' || lower === '::') return false;
    if (/^f[cd]/.test(lower) || /^fe[89ab]/.test(lower)) return false;
    return true;
  }
  return false;
}

/** Compute types whose nodes take `enableNodePublicIp` (default true: a missing value means a public IP). */
const NODE_PUBLIC_IP_TYPES = new Set(['ComputeInstance', 'AmlCompute']);

/**
 * Whether a compute's nodes get a public IP: `enableNodePublicIp` true, or missing on a compute
 * instance / cluster (ARM's default is true), or a public address in `connectivityEndpoints`.
 */
export function computeHasPublicIp(compute: ArmResource): boolean {
  const props = record(compute.properties);
  const inner = record(props.properties);
  const computeType = typeof props.computeType === 'string' ? props.computeType : '';
  const flag = inner.enableNodePublicIp;
  if (flag === true) return true;
  if ((flag === undefined || flag === null) && NODE_PUBLIC_IP_TYPES.has(computeType)) return true;
  return isPublicAddress(record(inner.connectivityEndpoints).publicIpAddress);
}

/** The inventory row of an evaluated resource (pure). */
export function inventoryItemOf(snapshot: ArmResource, at: string): InventoryItem {
  const type = resourceTypeOf(snapshot.id);
  const base: InventoryItem = {
    resourceId: snapshot.id,
    subscriptionId: parseArmId(snapshot.id).subscriptionId.toLowerCase(),
    type,
    name: snapshot.name || nameOf(snapshot.id),
    lastEvaluated: at,
    deleted: false,
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
 * KPIs): a snapshot upserts its row; `{ deleted: id }` flags the resource and its children deleted.
 * Store failures propagate (the invocation fails and is retried, like findings).
 */
export async function recordInventory(ctx: GuardContext, subject: ArmResource | { readonly deleted: string }): Promise<void> {
  const at = ctx.clock().toISOString();
  if (!('id' in subject)) {
    await ctx.store.inventory.markDeleted(subject.deleted, at);
    return;
  }
  await ctx.store.inventory.upsert([inventoryItemOf(subject, at)]);
}
