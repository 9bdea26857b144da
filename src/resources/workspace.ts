import { API_VERSIONS } from './api-versions';
import { z } from 'zod';
import { describeType, sdkPatch, sdkRead } from './descriptor';

/** Azure Machine Learning workspace: the centre of every rule; listed per subscription by the sweep. */
export const workspace = describeType({
  armType: 'Microsoft.MachineLearningServices/workspaces',
  apiVersion: API_VERSIONS.machineLearning,
  read: sdkRead('machineLearning', 'options', (c, id, o) => c.workspaces.get(id.resourceGroup!, id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.machinelearningservices/workspaces' },
  eventPrefix: 'Microsoft.MachineLearningServices/workspaces',
  remediations: {
    actions: ['set-tag'],
    properties: {
      // Workspaces_Update: long-running PATCH
      publicNetworkAccess: sdkPatch('machineLearning', z.enum(['Enabled', 'Disabled']), (c, id, value, lro) =>
        c.workspaces.beginUpdateAndWait(id.resourceGroup!, id.names[0]!, { publicNetworkAccess: value }, lro),
      ),
    },
  },
  rbac: {
    read: ['Microsoft.MachineLearningServices/workspaces/read'],
    // PATCH publicNetworkAccess is long-running: polled at locations/workspaceOperationsStatus
    write: ['Microsoft.MachineLearningServices/workspaces/write', 'Microsoft.MachineLearningServices/locations/workspaceOperationsStatus/read'],
  },
});
