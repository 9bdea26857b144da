import { API_VERSIONS } from './api-versions';
import { describeType, putAsRead, sdkRead } from './descriptor';
import { rawGet } from './raw-read';

/**
 * Azure ML registry (models, environments, components shared across workspaces): AML-SUP-004.
 * The pinned SDK has no registries operations: read with a raw GET on the ML client's pipeline.
 * Its PUT is long-running, polled at locations/mfeOperationsStatus like online endpoints (granted there).
 */
export const mlRegistry = describeType({
  armType: 'Microsoft.MachineLearningServices/registries',
  apiVersion: API_VERSIONS.machineLearning,
  read: sdkRead('machineLearning', 'pipeline', (c, id) => rawGet(c, id.id, API_VERSIONS.machineLearning)),
  resourceGraph: { table: 'resources', type: 'microsoft.machinelearningservices/registries' },
  eventPrefix: 'Microsoft.MachineLearningServices/registries',
  // Registries_Update (PATCH) takes only tags, sku and identity: PUT the registry as read, one property changed
  remediations: { properties: { publicNetworkAccess: putAsRead('machineLearning', (c) => c, ['provisioningState']) } },
  rbac: {
    read: [{ action: 'Microsoft.MachineLearningServices/registries/read', for: 'Azure ML registries: public network access, private endpoints (AML-SUP-004)' }],
    write: [{ action: 'Microsoft.MachineLearningServices/registries/write', for: 'disable public network access on an Azure ML registry (PUT as read; polled like online endpoints)' }],
  },
});
