import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** A workspace's container registry (judged only when a workspace links it). */
export const containerRegistry = describeType({
  armType: 'Microsoft.ContainerRegistry/registries',
  apiVersion: API_VERSIONS.containerRegistry,
  read: sdkRead('containerRegistry', 'pipeline', (c, id, o) => c.registries.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.containerregistry/registries' },
  eventPrefix: 'Microsoft.ContainerRegistry/registries',
  rbac: { read: ['Microsoft.ContainerRegistry/registries/read'], write: ['Microsoft.ContainerRegistry/registries/write'] },
});
