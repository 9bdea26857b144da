import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { amlGov002 } from '../../src/rules/aml-gov-002';
import { amlGov003, WORKSPACE_PUBLIC_ACCESS_POLICY } from '../../src/rules/aml-gov-003';
import { mlWorkspace } from '../support/compute-estate';
import { budget, GR_SUB, policyAssignment, resourceGroup, rgScope, subscription, workspaceOf } from '../support/guardrail-estate';
import { evaluator, failed } from './dependency-related';

const SUB = `/subscriptions/${GR_SUB}`;
const BUILTIN = `/providers/Microsoft.Authorization/policyDefinitions/${WORKSPACE_PUBLIC_ACCESS_POLICY}`;
const MG = '/providers/Microsoft.Management/managementGroups/contoso';

describe('AML-GOV-002 budget alerts for ML resource groups', () => {
  const evaluate = evaluator(amlGov002);
  const ws = mlWorkspace(workspaceOf('rg-ml', 'ws'));

  it('fires on a group holding a workspace with no budget; not applicable without a workspace', () => {
    expect(failed(evaluate(resourceGroup('rg-ml'), new SnapshotSet([ws]))).evidence).toEqual({ workspaces: [ws.id], budgetsWithoutNotification: [] });
    expect(evaluate(resourceGroup('rg-web'), new SnapshotSet([ws])).status).toBe('not-applicable');
  });

  it('passes with the official budget (one notification) at the group, or at the subscription (look-alike)', () => {
    expect(evaluate(resourceGroup('rg-ml'), new SnapshotSet([ws, budget(rgScope('rg-ml'), 'ml-monthly')])).status).toBe('pass');
    expect(evaluate(resourceGroup('rg-ml'), new SnapshotSet([ws, budget(SUB, 'sub-monthly')])).status).toBe('pass');
  });

  it('a budget without an enabled notification, or on another group, does not count', () => {
    const silent = budget(rgScope('rg-ml'), 'silent', { properties: { notifications: { Actual_GreaterThan_80_Percent: { enabled: false } } } });
    expect(failed(evaluate(resourceGroup('rg-ml'), new SnapshotSet([ws, silent, budget(rgScope('rg-web'), 'web')]))).evidence.budgetsWithoutNotification).toEqual([silent.id]);
  });
});

describe('AML-GOV-003 preventive policy on workspace public access', () => {
  const evaluate = evaluator(amlGov003);

  it('fires on a subscription with only the official (unrelated) assignment, inherited from its management group', () => {
    const official = policyAssignment(SUB, 'LowCostStorage', '/providers/Microsoft.Authorization/policyDefinitions/7433c107-6db4-4ad1-b57a-a76dce0154a1', { properties: { scope: MG } });
    expect(failed(evaluate(subscription(), new SnapshotSet([official]))).evidence).toEqual({ policyDefinition: WORKSPACE_PUBLIC_ACCESS_POLICY, assignmentsSeen: 1 });
  });

  it('passes with the built-in assigned at the subscription (Audit, or no effect parameter) or inherited from a management group', () => {
    expect(evaluate(subscription(), new SnapshotSet([policyAssignment(SUB, 'ml-ws-no-public', BUILTIN, { properties: { parameters: { effect: { value: 'Audit' } } } })])).status).toBe('pass');
    expect(evaluate(subscription(), new SnapshotSet([policyAssignment(SUB, 'ml-ws-no-public', BUILTIN)])).status).toBe('pass');
    const inherited = policyAssignment(SUB, 'mg-deny', BUILTIN, { properties: { scope: MG, parameters: { effect: { value: 'Deny' } } } });
    expect(evaluate(subscription(), new SnapshotSet([inherited])).status).toBe('pass');
  });

  it('an assignment with effect Disabled, or at a resource group only, does not guard the subscription', () => {
    expect(evaluate(subscription(), new SnapshotSet([policyAssignment(SUB, 'off', BUILTIN, { properties: { parameters: { effect: { value: 'Disabled' } } } })])).status).toBe('fail');
    expect(evaluate(subscription(), new SnapshotSet([policyAssignment(rgScope('rg-ml'), 'rg-only', BUILTIN)])).status).toBe('fail');
  });
});
