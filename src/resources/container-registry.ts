import { API_VERSIONS } from './api-versions';
import { z } from 'zod';
import { describeType, sdkPatch, sdkRead } from './descriptor';

/** A workspace's container registry (judged only when a workspace links it). */
export const containerRegistry = describeType({
  armType: 'Microsoft.ContainerRegistry/registries',
  apiVersion: API_VERSIONS.containerRegistry,
  read: sdkRead('containerRegistry', 'pipeline', (c, id, o) => c.registries.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.containerregistry/registries' },
  eventPrefix: 'Microsoft.ContainerRegistry/registries',
  remediations: {
    actions: ['set-tag'],
    // Registries_Update is long-running (201 + Azure-AsyncOperation); the SDK flattens `properties`
    properties: {
      publicNetworkAccess: sdkPatch('containerRegistry', z.enum(['Enabled', 'Disabled']), (c, id, value, lro) => c.registries.update(id.resourceGroup!, id.names[0]!, { publicNetworkAccess: value }, lro)),
      adminUserEnabled: sdkPatch('containerRegistry', z.boolean(), (c, id, value, lro) => c.registries.update(id.resourceGroup!, id.names[0]!, { adminUserEnabled: value }, lro)),
      anonymousPullEnabled: sdkPatch('containerRegistry', z.boolean(), (c, id, value, lro) => c.registries.update(id.resourceGroup!, id.names[0]!, { anonymousPullEnabled: value }, lro)),
    },
  },
  rbac: { read: [{ action: 'Microsoft.ContainerRegistry/registries/read', for: 'workspace registry: public network access, admin user' }], write: [{ action: 'Microsoft.ContainerRegistry/registries/write', for: 'disable public network access / admin user / anonymous pull on the registry' }] },
});
