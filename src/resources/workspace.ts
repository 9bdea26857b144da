import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** Azure Machine Learning workspace: the centre of every rule; listed per subscription by the sweep. */
export const workspace = describeType({
  armType: 'Microsoft.MachineLearningServices/workspaces',
  apiVersion: API_VERSIONS.machineLearning,
  read: sdkRead('machineLearning', 'options', (c, id, o) => c.workspaces.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.machinelearningservices/workspaces' },
  eventPrefix: 'Microsoft.MachineLearningServices/workspaces',
  rbac: {
    read: ['Microsoft.MachineLearningServices/workspaces/read'],
    // PATCH publicNetworkAccess is long-running: polled at locations/workspaceOperationsStatus
    write: ['Microsoft.MachineLearningServices/workspaces/write', 'Microsoft.MachineLearningServices/locations/workspaceOperationsStatus/read'],
  },
});
