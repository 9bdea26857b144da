import { nameOf, parseArmId, sameId, type ArmResource, type JsonValue } from '../model';
import { pollInterval } from './poll-interval';
import type { Writer } from './writer';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The id of the public IP on the NIC's ipConfiguration `name` (case-insensitive), or null. */
export function attachedPublicIp(nic: ArmResource, ipConfigurationName: string): string | null {
  const configs = nic.properties?.ipConfigurations;
  if (!Array.isArray(configs)) return null;
  const key = ipConfigurationName.toLowerCase();
  const config = configs.filter(isRecord).find((c) => typeof c.name === 'string' && c.name.toLowerCase() === key);
  const props = config && isRecord(config.properties) ? config.properties : undefined;
  const pip = props && isRecord(props.publicIPAddress) ? props.publicIPAddress.id : undefined;
  return typeof pip === 'string' ? pip : null;
}

/**
 * `detach-public-ip`: NIC ipConfigurations have no write of their own, so this PUTs the whole NIC
 * (`networkInterfaces.createOrUpdate`, long-running) exactly as the SDK reads it, with only that
 * ipConfiguration's `publicIPAddress` removed. The public IP itself is kept (it can be re-attached).
 * The value it changes is the id of the public IP on that ipConfiguration; desired is null. Only
 * the public IP the rule judged is detached: if another one is attached now, nothing is done.
 */
export const publicIpDetachWriter: Writer<'detach-public-ip'> = {
  kind: 'detach-public-ip',
  supports: (a) => a.ipConfigurationName.trim() !== '',
  current: (a, nic) => {
    const attached = attachedPublicIp(nic, a.ipConfigurationName);
    return attached !== null && sameId(attached, a.publicIpId) ? (attached as JsonValue) : null;
  },
  desired: () => null,
  write: async (clients, a, fresh) => {
    const p = parseArmId(fresh.id);
    const client = clients.network(p.subscriptionId);
    const nic = await client.networkInterfaces.get(p.resourceGroup!, p.names[0]!);
    if (fresh.etag && nic.etag && fresh.etag !== nic.etag) {
      throw new Error(`network interface ${fresh.id} changed while being remediated (etag ${fresh.etag} -> ${nic.etag}); it will be re-evaluated`);
    }
    const key = a.ipConfigurationName.toLowerCase();
    let found = false;
    const ipConfigurations = (nic.ipConfigurations ?? []).map((config) => {
      if (config.name?.toLowerCase() !== key) return config;
      found = true;
      if (!config.publicIPAddress?.id || !sameId(config.publicIPAddress.id, a.publicIpId)) {
        throw new Error(`ipConfiguration ${config.name} of ${fresh.id} no longer holds ${nameOf(a.publicIpId)}`);
      }
      const { publicIPAddress: _detached, ...rest } = config;
      return rest;
    });
    if (!found) throw new Error(`network interface ${fresh.id} has no ipConfiguration ${a.ipConfigurationName}`);
    await client.networkInterfaces.createOrUpdate(p.resourceGroup!, p.names[0]!, { ...nic, ipConfigurations }, { updateIntervalInMs: pollInterval(clients.connection) });
  },
};
