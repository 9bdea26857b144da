import { API_VERSIONS } from './api-versions';
import { z } from 'zod';
import { describeType, sdkList, sdkPatch, sdkRead } from './descriptor';

/** Azure Machine Learning workspace: the centre of every rule; listed per subscription by the sweep. */
export const workspace = describeType({
  armType: 'Microsoft.MachineLearningServices/workspaces',
  apiVersion: API_VERSIONS.machineLearning,
  read: sdkRead('machineLearning', 'options', (c, id, o) => c.workspaces.get(id.resourceGroup!, id.names[0]!, o)),
  list: sdkList('machineLearning', 'subscription', 'options', (c, _scope, o) => c.workspaces.listBySubscription(o)),
  resourceGraph: { table: 'resources', type: 'microsoft.machinelearningservices/workspaces' },
  eventPrefix: 'Microsoft.MachineLearningServices/workspaces',
  remediations: {
    actions: ['set-tag', 'delete-outbound-rule'],
    properties: {
      // Workspaces_Update: long-running PATCH
      publicNetworkAccess: sdkPatch('machineLearning', z.enum(['Enabled', 'Disabled']), (c, id, value, lro) =>
        c.workspaces.beginUpdateAndWait(id.resourceGroup!, id.names[0]!, { publicNetworkAccess: value }, lro),
      ),
    },
  },
  rbac: {
    read: [{ action: 'Microsoft.MachineLearningServices/workspaces/read', for: 're-read a workspace after an event; sweep inventory' }],
    write: [{ action: 'Microsoft.MachineLearningServices/workspaces/write', for: 'set `publicNetworkAccess=Disabled`, managed network isolation' }, { action: 'Microsoft.MachineLearningServices/locations/workspaceOperationsStatus/read', for: 'poll the long-running workspace PATCH (its Azure-AsyncOperation URL)' }],
  },
});
