import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';
import { propertiesOf, records, referenceId } from './references';

/** Virtual network: no rule evaluates it; a write can associate an NSG with a subnet that hosts AML, so its events re-evaluate its subnets and their NSGs. */
export const virtualNetwork = describeType({
  armType: 'Microsoft.Network/virtualNetworks',
  apiVersion: API_VERSIONS.network,
  read: sdkRead('network', 'pipeline', (c, id, o) => c.virtualNetworks.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.network/virtualnetworks' },
  eventPrefix: 'Microsoft.Network/virtualNetworks',
  rbac: { read: [{ action: 'Microsoft.Network/virtualNetworks/read', for: 'VNets of computes / private endpoints' }] },
  relay: {
    from: 'references',
    targets(vnet) {
      return records(propertiesOf(vnet).subnets)
        .flatMap((s) => [typeof s.id === 'string' ? s.id : undefined, referenceId(propertiesOf(s).networkSecurityGroup)])
        .filter((x): x is string => x !== undefined);
    },
  },
});
