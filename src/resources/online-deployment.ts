import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** A deployment behind an online endpoint (model, environment, egress): AML-SUP-001/002, AML-END-003. Listed with its endpoint. */
export const onlineDeployment = describeType({
  armType: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments',
  apiVersion: API_VERSIONS.machineLearning,
  read: sdkRead('machineLearning', 'options', (c, id, o) => c.onlineDeployments.get(id.resourceGroup!, id.names[0]!, id.names[1]!, id.names[2]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.machinelearningservices/workspaces/onlineendpoints/deployments' },
  eventPrefix: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments',
  // containment (traffic to 0) is a write of the endpoint: onlineEndpoints/write
  rbac: { read: [{ action: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/read', for: 'online deployments: model, environment, egress, environment variable names (AML-SUP-001/002, AML-END-003)' }] },
});
