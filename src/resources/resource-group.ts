import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/**
 * Resource group: AML-GOV-002's subject, and read for its tags (AML-GOV-001 copies an ownership
 * tag from it); its events do not matter. A sweep takes it from Resource Graph's
 * ResourceContainers, which types it `microsoft.resources/subscriptions/resourcegroups`.
 * `resourceTypeOf` gives '' for a group id (no provider): see subjectTypeOf.
 */
export const resourceGroup = describeType({
  armType: 'Microsoft.Resources/resourceGroups',
  apiVersion: API_VERSIONS.resources,
  read: sdkRead('resources', 'pipeline', (c, id, o) => c.resourceGroups.get(id.resourceGroup!, o)),
  resourceGraph: { table: 'resourcecontainers', type: 'microsoft.resources/subscriptions/resourcegroups' },
  rbac: { read: [{ action: 'Microsoft.Resources/subscriptions/resourceGroups/read', for: 'resource group tags (`copyTagsFromResourceGroup`), scoping' }] },
});
