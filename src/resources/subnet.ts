import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';
import { propertiesOf, referenceId } from './references';

/**
 * Subnet (a child of its VNet, not in Resource Graph on its own). Judged for size when AML
 * compute is injected into it; its events re-evaluate its NSG. ARM omits `type` in some answers
 * (the official SubnetGet example), so reads fill it in from the id.
 */
export const subnet = describeType({
  armType: 'Microsoft.Network/virtualNetworks/subnets',
  apiVersion: API_VERSIONS.network,
  read: sdkRead('network', 'pipeline', (c, id, o) => c.subnets.get(id.resourceGroup!, id.names[0]!, id.names[1]!, o)),
  eventPrefix: 'Microsoft.Network/virtualNetworks/subnets',
  rbac: { read: [{ action: 'Microsoft.Network/virtualNetworks/subnets/read', for: 'subnet NSG / route configuration' }] },
  relay: {
    from: 'references',
    targets(s) {
      const nsg = referenceId(propertiesOf(s).networkSecurityGroup);
      return nsg ? [nsg] : [];
    },
  },
});
