import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';
import { rawGet } from './raw-read';

/**
 * Azure ML registry (models, environments, components shared across workspaces): AML-SUP-004.
 * The pinned SDK has no registries operations: read with a raw GET on the ML client's pipeline.
 * Its PUT is long-running, polled at locations/mfeOperationsStatus like online endpoints.
 */
export const mlRegistry = describeType({
  armType: 'Microsoft.MachineLearningServices/registries',
  apiVersion: API_VERSIONS.machineLearning,
  read: sdkRead('machineLearning', 'pipeline', (c, id) => rawGet(c, id.id, API_VERSIONS.machineLearning)),
  resourceGraph: { table: 'resources', type: 'microsoft.machinelearningservices/registries' },
  eventPrefix: 'Microsoft.MachineLearningServices/registries',
  rbac: { read: ['Microsoft.MachineLearningServices/registries/read'], write: ['Microsoft.MachineLearningServices/registries/write'] },
});
