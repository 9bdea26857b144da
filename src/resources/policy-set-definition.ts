import type { OperationOptions } from '@azure/core-client';
import type { PolicySetDefinitionLocation } from '../model';
import { API_VERSIONS } from './api-versions';
import { describeType, sdkRead } from './descriptor';
import type { SdkClientSource } from './sdk-clients';

/**
 * Reads a policy set definition (an initiative) where it is defined: built in (tenant), at a
 * management group, or at a subscription. `via`: the subscription whose client (and read quota)
 * a read above subscriptions uses — the one whose assignment names the set.
 */
export function readPolicySetDefinition(clients: SdkClientSource, location: PolicySetDefinitionLocation, via: string, options: OperationOptions): Promise<unknown> {
  const sets = clients.sdk('policy', location.at === 'subscription' ? location.subscriptionId : via).policySetDefinitions;
  switch (location.at) {
    case 'tenant':
      return sets.getBuiltIn(location.name, options);
    case 'managementGroup':
      return sets.getAtManagementGroup(location.managementGroupId, location.name, options);
    case 'subscription':
      return sets.get(location.name, options);
  }
}

/**
 * Azure Policy set definition: AML-GOV-003 reads the ones the subscription's assignments name (the
 * workspace policy is most often assigned inside an initiative). Read by id (`read`) only at a
 * subscription; built-in and management-group ones through readPolicySetDefinition. An event about
 * one at a subscription re-evaluates the subscription.
 */
export const policySetDefinition = describeType({
  armType: 'Microsoft.Authorization/policySetDefinitions',
  apiVersion: API_VERSIONS.policy,
  read: sdkRead('policy', 'pipeline', (c, id, o) => c.policySetDefinitions.get(id.names[0]!, o)),
  eventPrefix: 'Microsoft.Authorization/policySetDefinitions',
  rbac: { read: [{ action: 'Microsoft.Authorization/policySetDefinitions/read', for: 'the policy set definitions (initiatives) assigned to a subscription, to find the workspace policy in them (AML-GOV-003)' }] },
});
