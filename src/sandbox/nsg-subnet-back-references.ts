import { idKey, type ArmResource } from '../model';
import type { BackReferenceStore } from './back-references';

/**
 * An NSG's read-only `properties.subnets` lists the subnets associated with it; ARM keeps it in
 * line when a VNet (with its embedded subnets) is written. Same here.
 */
const VNET_TYPE = 'microsoft.network/virtualnetworks';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** subnet id -> NSG id, for the subnets of a VNet. */
function associations(vnet: ArmResource | undefined): Map<string, { subnetId: string; nsgId: string }> {
  const out = new Map<string, { subnetId: string; nsgId: string }>();
  if (!vnet || vnet.type.toLowerCase() !== VNET_TYPE || !Array.isArray(vnet.properties?.subnets)) return out;
  for (const s of vnet.properties.subnets.filter(isRecord)) {
    const props = isRecord(s.properties) ? s.properties : {};
    const nsg = isRecord(props.networkSecurityGroup) ? props.networkSecurityGroup.id : undefined;
    const subnetId = typeof s.id === 'string' ? s.id : `${vnet.id}/subnets/${String(s.name)}`;
    if (typeof nsg === 'string') out.set(idKey(subnetId), { subnetId, nsgId: nsg });
  }
  return out;
}

function withSubnets(nsg: ArmResource, edit: (subnets: { id: string }[]) => { id: string }[]): ArmResource {
  const current = Array.isArray(nsg.properties?.subnets) ? (nsg.properties.subnets as unknown[]).filter((s): s is { id: string } => isRecord(s) && typeof s.id === 'string') : [];
  return { ...nsg, properties: { ...(nsg.properties ?? {}), subnets: edit(current) } };
}

export function syncNsgSubnetBackReferences(store: BackReferenceStore, before: ArmResource | undefined, after: ArmResource | undefined): void {
  const old = associations(before);
  const now = associations(after);
  for (const [key, a] of old) {
    if (now.get(key) && idKey(now.get(key)!.nsgId) === idKey(a.nsgId)) continue;
    const nsg = store.get(a.nsgId);
    if (nsg) store.put(withSubnets(nsg, (subs) => subs.filter((s) => idKey(s.id) !== key)));
  }
  for (const [key, a] of now) {
    const nsg = store.get(a.nsgId);
    if (!nsg) continue;
    const updated = withSubnets(nsg, (subs) => (subs.some((s) => idKey(s.id) === key) ? subs : [...subs, { id: a.subnetId }]));
    if (JSON.stringify(updated) !== JSON.stringify(nsg)) store.put(updated);
  }
}
