import { API_VERSIONS } from './api-versions';
import { describeType } from './descriptor';

/**
 * A workspace managed network outbound rule: read embedded in the workspace
 * (`properties.managedNetwork.outboundRules`); its events re-evaluate the workspace (its parent).
 * AML-NET-004's opt-in remediation deletes a user-defined one (long-running: polled at
 * locations/workspaceOperationsStatus, granted with the workspace).
 */
export const outboundRule = describeType({
  armType: 'Microsoft.MachineLearningServices/workspaces/outboundRules',
  apiVersion: API_VERSIONS.machineLearning,
  eventPrefix: 'Microsoft.MachineLearningServices/workspaces/outboundRules',
  rbac: { read: [], write: [{ action: 'Microsoft.MachineLearningServices/workspaces/outboundRules/delete', for: 'delete a user-defined managed network outbound rule (AML-NET-004, opt-in)' }] },
});
