import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** Workspace compute (instances, clusters, attached); listed with its workspace. */
export const compute = describeType({
  armType: 'Microsoft.MachineLearningServices/workspaces/computes',
  apiVersion: API_VERSIONS.machineLearning,
  read: sdkRead('machineLearning', 'options', (c, id, o) => c.computeOperations.get(id.resourceGroup!, id.names[0]!, id.names[1]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.machinelearningservices/workspaces/computes' },
  eventPrefix: 'Microsoft.MachineLearningServices/workspaces/computes',
  remediations: { actions: ['stop-compute', 'set-idle-shutdown'] },
  rbac: {
    read: ['Microsoft.MachineLearningServices/workspaces/computes/read'],
    // stop is long-running: polled at locations/computeOperationsStatus
    write: [
      'Microsoft.MachineLearningServices/workspaces/computes/stop/action',
      'Microsoft.MachineLearningServices/workspaces/computes/updateIdleShutdownSetting/action',
      'Microsoft.MachineLearningServices/locations/computeOperationsStatus/read',
    ],
  },
});
