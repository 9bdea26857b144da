import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** Managed online (scoring) endpoint of a workspace; listed with its workspace. */
export const onlineEndpoint = describeType({
  armType: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
  apiVersion: API_VERSIONS.machineLearning,
  read: sdkRead('machineLearning', 'options', (c, id, o) => c.onlineEndpoints.get(id.resourceGroup!, id.names[0]!, id.names[1]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.machinelearningservices/workspaces/onlineendpoints' },
  eventPrefix: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
  rbac: {
    read: ['Microsoft.MachineLearningServices/workspaces/onlineEndpoints/read'],
    // the PUT is long-running: polled at locations/mfeOperationsStatus
    write: ['Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write', 'Microsoft.MachineLearningServices/locations/mfeOperationsStatus/read'],
  },
});
