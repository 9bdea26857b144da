import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';

/** Azure Policy assignment: AML-GOV-003 (at the subscription or above); an event at a subscription re-evaluates it. */
export const policyAssignment = describeType({
  armType: 'Microsoft.Authorization/policyAssignments',
  apiVersion: API_VERSIONS.policy,
  read: sdkRead('policy', 'pipeline', (c, id, o) => c.policyAssignments.get(id.scope ?? id.id.replace(/\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/i, ''), id.names[0]!, o)),
  eventPrefix: 'Microsoft.Authorization/policyAssignments',
  rbac: { read: [{ action: 'Microsoft.Authorization/policyAssignments/read', for: 'the policy assignments that apply to a subscription (AML-GOV-003)' }] },
});
