import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** Public IP address; judged when the NIC it is attached to sits in an AML subnet. */
export const publicIpAddress = describeType({
  armType: 'Microsoft.Network/publicIPAddresses',
  apiVersion: API_VERSIONS.network,
  read: sdkRead('network', 'pipeline', (c, id, o) => c.publicIPAddresses.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.network/publicipaddresses' },
  eventPrefix: 'Microsoft.Network/publicIPAddresses',
  rbac: { read: [{ action: 'Microsoft.Network/publicIPAddresses/read', for: 'public IPs attached to compute' }] },
});
