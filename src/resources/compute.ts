import { API_VERSIONS } from './api-versions';
import { describeType, sdkList, sdkRead } from './descriptor';

/** Workspace compute (instances, clusters, attached); listed with its workspace. */
export const compute = describeType({
  armType: 'Microsoft.MachineLearningServices/workspaces/computes',
  apiVersion: API_VERSIONS.machineLearning,
  read: sdkRead('machineLearning', 'options', (c, id, o) => c.computeOperations.get(id.resourceGroup!, id.names[0]!, id.names[1]!, o)),
  list: sdkList('machineLearning', 'parent', 'options', (c, ws, o) => c.computeOperations.list(ws.resourceGroup!, ws.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.machinelearningservices/workspaces/computes' },
  eventPrefix: 'Microsoft.MachineLearningServices/workspaces/computes',
  remediations: { actions: ['stop-compute', 'set-idle-shutdown'] },
  rbac: {
    read: [{ action: 'Microsoft.MachineLearningServices/workspaces/computes/read', for: 'compute instances/clusters: public IP, SSH, idle shutdown' }],
    write: [
      { action: 'Microsoft.MachineLearningServices/workspaces/computes/stop/action', for: 'stop idle compute instances' },
      { action: 'Microsoft.MachineLearningServices/workspaces/computes/updateIdleShutdownSetting/action', for: 'cap `idleTimeBeforeShutdown`' },
      { action: 'Microsoft.MachineLearningServices/locations/computeOperationsStatus/read', for: 'poll the long-running compute stop' },
    ],
  },
});
