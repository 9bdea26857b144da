import { idKey, type ArmResource } from '../model';

/**
 * Read-only references ARM maintains on the far side of a write: a public IP's
 * `properties.ipConfiguration` names the NIC ipConfiguration that uses it. Writing a NIC
 * (PUT / PATCH / DELETE) updates the public IPs it attaches or detaches, as ARM does.
 */
export interface BackReferenceStore {
  get(id: string): ArmResource | undefined;
  put(resource: ArmResource): unknown;
}

const NIC_TYPE = 'microsoft.network/networkinterfaces';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** public IP id key -> the ipConfiguration id that holds it. */
function publicIpsOf(nic: ArmResource | undefined): Map<string, { publicIpId: string; ipConfigurationId: string }> {
  const out = new Map<string, { publicIpId: string; ipConfigurationId: string }>();
  if (!nic || nic.type.toLowerCase() !== NIC_TYPE) return out;
  const configs = nic.properties?.ipConfigurations;
  if (!Array.isArray(configs)) return out;
  for (const config of configs.filter(isRecord)) {
    const props = isRecord(config.properties) ? config.properties : {};
    const pip = isRecord(props.publicIPAddress) ? props.publicIPAddress.id : undefined;
    if (typeof pip !== 'string') continue;
    const ipConfigurationId = typeof config.id === 'string' ? config.id : `${nic.id}/ipConfigurations/${String(config.name)}`;
    out.set(idKey(pip), { publicIpId: pip, ipConfigurationId });
  }
  return out;
}

/** Brings the public IPs referenced by `before` / `after` (the same NIC before and after a write) in line. */
export function syncPublicIpBackReferences(store: BackReferenceStore, before: ArmResource | undefined, after: ArmResource | undefined): void {
  const old = publicIpsOf(before);
  const now = publicIpsOf(after);
  if (old.size === 0 && now.size === 0) return;
  for (const [key, ref] of old) {
    if (now.has(key)) continue;
    const pip = store.get(ref.publicIpId);
    const current = pip && isRecord(pip.properties?.ipConfiguration) ? pip.properties.ipConfiguration.id : undefined;
    if (!pip || typeof current !== 'string' || idKey(current) !== idKey(ref.ipConfigurationId)) continue;
    const { ipConfiguration: _gone, ...properties } = pip.properties ?? {};
    store.put({ ...pip, properties });
  }
  for (const ref of now.values()) {
    const pip = store.get(ref.publicIpId);
    if (!pip) continue;
    const current = isRecord(pip.properties?.ipConfiguration) ? pip.properties.ipConfiguration.id : undefined;
    if (typeof current === 'string' && idKey(current) === idKey(ref.ipConfigurationId)) continue;
    store.put({ ...pip, properties: { ...(pip.properties ?? {}), ipConfiguration: { id: ref.ipConfigurationId } } });
  }
}
