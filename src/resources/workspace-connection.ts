import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** A workspace connection (its auth type, never its secrets): AML-WS-006. Listed with its workspace. */
export const workspaceConnection = describeType({
  armType: 'Microsoft.MachineLearningServices/workspaces/connections',
  apiVersion: API_VERSIONS.machineLearning,
  read: sdkRead('machineLearning', 'options', (c, id, o) => c.workspaceConnections.get(id.resourceGroup!, id.names[0]!, id.names[1]!, o)),
  eventPrefix: 'Microsoft.MachineLearningServices/workspaces/connections',
  rbac: { read: [{ action: 'Microsoft.MachineLearningServices/workspaces/connections/read', for: 'workspace connections: auth type, sharing, expiry, never secrets (AML-WS-006)' }] },
});
