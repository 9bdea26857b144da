import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** NSG guarding a subnet (or NIC) that hosts AML compute or a workspace private endpoint. */
export const networkSecurityGroup = describeType({
  armType: 'Microsoft.Network/networkSecurityGroups',
  apiVersion: API_VERSIONS.network,
  read: sdkRead('network', 'pipeline', (c, id, o) => c.networkSecurityGroups.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.network/networksecuritygroups' },
  eventPrefix: 'Microsoft.Network/networkSecurityGroups',
  remediations: { actions: ['delete-nsg-rule'] },
  rbac: { read: [{ action: 'Microsoft.Network/networkSecurityGroups/read', for: 'NSGs on compute subnets/NICs' }], write: [{ action: 'Microsoft.Network/networkSecurityGroups/securityRules/delete', for: 'remove an inbound rule open to the internet' }] },
});
