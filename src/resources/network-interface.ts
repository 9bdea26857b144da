import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';
import { propertiesOf, records, referenceId } from './references';

/**
 * Network interface: no rule evaluates it, but a NIC write can attach a public IP or an NSG, so
 * its events re-evaluate those. Its remediation (detach a public IP) PUTs the whole NIC, which
 * ARM checks against the NIC's subnet(s) and NSG (linked `join` actions).
 */
export const networkInterface = describeType({
  armType: 'Microsoft.Network/networkInterfaces',
  apiVersion: API_VERSIONS.network,
  read: sdkRead('network', 'pipeline', (c, id, o) => c.networkInterfaces.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.network/networkinterfaces' },
  eventPrefix: 'Microsoft.Network/networkInterfaces',
  remediations: { actions: ['detach-public-ip'] },
  rbac: {
    read: ['Microsoft.Network/networkInterfaces/read'],
    write: ['Microsoft.Network/networkInterfaces/write', 'Microsoft.Network/virtualNetworks/subnets/join/action', 'Microsoft.Network/networkSecurityGroups/join/action'],
  },
  relay: {
    from: 'references',
    targets(nic) {
      const props = propertiesOf(nic);
      const ips = records(props.ipConfigurations).map((c) => referenceId(propertiesOf(c).publicIPAddress));
      return [...ips, referenceId(props.networkSecurityGroup)].filter((x): x is string => x !== undefined);
    },
  },
});
