import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** Private endpoint of a workspace: no rule evaluates it; its events re-evaluate the workspaces it serves (link index). */
export const privateEndpoint = describeType({
  armType: 'Microsoft.Network/privateEndpoints',
  apiVersion: API_VERSIONS.network,
  read: sdkRead('network', 'pipeline', (c, id, o) => c.privateEndpoints.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.network/privateendpoints' },
  eventPrefix: 'Microsoft.Network/privateEndpoints',
  rbac: { read: ['Microsoft.Network/privateEndpoints/read'] },
  relay: { from: 'links', relation: 'privateEndpoint' },
});
