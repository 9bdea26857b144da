import { API_VERSIONS } from './api-versions';
import { describeType, sdkList, sdkRead } from './descriptor';

/**
 * Private DNS zone group of a private endpoint (listed with the endpoint; not in Resource Graph).
 * Its REST model has no `type`: reads fill it in from the id.
 */
export const privateDnsZoneGroup = describeType({
  armType: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
  apiVersion: API_VERSIONS.network,
  read: sdkRead('network', 'pipeline', (c, id, o) => c.privateDnsZoneGroups.get(id.resourceGroup!, id.names[0]!, id.names[1]!, o)),
  list: sdkList('network', 'parent', 'pipeline', (c, pe) => c.privateDnsZoneGroups.list(pe.resourceGroup!, pe.names[0]!)),
  eventPrefix: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
  rbac: { read: [{ action: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups/read', for: 'private DNS wiring of those endpoints' }] },
});
