import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** Private endpoint of a workspace: no rule evaluates it; its events re-evaluate the workspaces it serves (link index). */
export const privateEndpoint = describeType({
  armType: 'Microsoft.Network/privateEndpoints',
  apiVersion: API_VERSIONS.network,
  read: sdkRead('network', 'pipeline', (c, id, o) => c.privateEndpoints.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.network/privateendpoints' },
  eventPrefix: 'Microsoft.Network/privateEndpoints',
  rbac: { read: [{ action: 'Microsoft.Network/privateEndpoints/read', for: 'private endpoints of workspace dependencies' }] },
  relay: { from: 'links', relation: 'privateEndpoint' },
});
