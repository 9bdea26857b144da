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
    read: [{ action: 'Microsoft.Network/networkInterfaces/read', for: 'compute NICs and their public IPs' }],
    write: [{ action: 'Microsoft.Network/networkInterfaces/write', for: 'detach a public IP from a compute NIC' }, { action: 'Microsoft.Network/virtualNetworks/subnets/join/action', for: 'linked access check of that NIC PUT on each subnet the NIC is in' }, { action: 'Microsoft.Network/networkSecurityGroups/join/action', for: 'linked access check of that NIC PUT on the NIC\'s NSG, when it has one' }],
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
