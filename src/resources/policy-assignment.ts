import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** Azure Policy assignment: AML-GOV-003 (at the subscription or above); an event at a subscription re-evaluates it. */
export const policyAssignment = describeType({
  armType: 'Microsoft.Authorization/policyAssignments',
  apiVersion: API_VERSIONS.policy,
  read: sdkRead('policy', 'pipeline', (c, id, o) => c.policyAssignments.get(id.scope ?? id.id.replace(/\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/i, ''), id.names[0]!, o)),
  resourceGraph: { table: 'resources', type: 'microsoft.authorization/policyassignments' },
  eventPrefix: 'Microsoft.Authorization/policyAssignments',
  rbac: { read: ['Microsoft.Authorization/policyAssignments/read'] },
});
