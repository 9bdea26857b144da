import { describe, expect, it } from 'vitest';
import { armResourceSchema, parsePolicySetDefinitionId } from '../../src/model';
import { exampleBody } from '../support/fixtures';

describe('policy set definition ids', () => {
  it('tells built-in, management-group and subscription sets apart, in any casing', () => {
    expect(parsePolicySetDefinitionId('/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8')).toEqual({ at: 'tenant', name: '1f3afdf9-d0c9-4c3d-847f-89da613e70a8' });
    expect(parsePolicySetDefinitionId('/providers/Microsoft.Management/managementgroups/MyManagementGroup/providers/microsoft.authorization/POLICYSETDEFINITIONS/CostManagement')).toEqual({
      at: 'managementGroup',
      managementGroupId: 'MyManagementGroup',
      name: 'CostManagement',
    });
    expect(parsePolicySetDefinitionId('/subscriptions/ae640e6b-ba3e-4256-9d62-2993eecfa6f2/providers/Microsoft.Authorization/policySetDefinitions/CostManagement')).toEqual({
      at: 'subscription',
      subscriptionId: 'ae640e6b-ba3e-4256-9d62-2993eecfa6f2',
      name: 'CostManagement',
    });
  });

  it('is undefined for a policy definition, another scope, or a non-canonical id', () => {
    for (const id of [
      '/providers/Microsoft.Authorization/policyDefinitions/438c38d2-3772-465a-a9cc-7a6666a275ce',
      '/subscriptions/ae640e6b-ba3e-4256-9d62-2993eecfa6f2/resourceGroups/rg/providers/Microsoft.Authorization/policySetDefinitions/x',
      '/providers/Microsoft.Authorization/policySetDefinitions/x/',
      '/providers/Microsoft.Authorization/policySetDefinitions/..',
      '/providers/Microsoft.Authorization/policySetDefinitions/a%2Fb',
      '/providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Authorization/policySetDefinitions',
    ]) {
      expect(parsePolicySetDefinitionId(id), id).toBeUndefined();
    }
  });

  it('an ARM resource may be a built-in or management-group set (the official examples), nothing else above subscriptions', () => {
    expect(armResourceSchema.safeParse(exampleBody('arm-examples/policy/2025-03-01/getBuiltInPolicySetDefinition.json')).success).toBe(true);
    expect(armResourceSchema.safeParse(exampleBody('arm-examples/policy/2023-04-01/getPolicySetDefinitionAtManagementGroup.json')).success).toBe(true);
    const definition = { id: '/providers/Microsoft.Authorization/policyDefinitions/438c38d2-3772-465a-a9cc-7a6666a275ce', name: 'x', type: 'Microsoft.Authorization/policyDefinitions' };
    expect(armResourceSchema.safeParse(definition).success).toBe(false);
  });
});
