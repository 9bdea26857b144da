import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/**
 * Resource group, read for its tags (AML-GOV-001 copies an ownership tag from it). No rule
 * evaluates it and its events do not matter. `resourceTypeOf` gives '' for a group id (no
 * provider): see readTypeOf.
 */
export const resourceGroup = describeType({
  armType: 'Microsoft.Resources/resourceGroups',
  apiVersion: API_VERSIONS.resources,
  read: sdkRead('resources', 'pipeline', (c, id, o) => c.resourceGroups.get(id.resourceGroup!, o)),
  resourceGraph: { table: 'resourcecontainers', type: 'microsoft.resources/subscriptions/resourcegroups' },
  rbac: { read: [{ action: 'Microsoft.Resources/subscriptions/resourceGroups/read', for: 'resource group tags (`copyTagsFromResourceGroup`), scoping' }] },
});
