import { describe, expect, it } from 'vitest';
import { SnapshotSet } from '../../src/engine/related';
import { amlGov003, WORKSPACE_PUBLIC_ACCESS_POLICY } from '../../src/rules/aml-gov-003';
import { effectParameter, GR_SUB, MCSB_SET, policyAssignment, policySetDefinition, rgScope, setAtManagementGroup, setAtSubscription, subscription } from '../support/guardrail-estate';
import { evaluator, failed } from './dependency-related';

// AML-GOV-003 when the workspace policy is assigned inside an initiative (a policy set definition):
// the member's effect is resolved as Azure Policy does.

const SUB = `/subscriptions/${GR_SUB}`;
const MG = '/providers/Microsoft.Management/managementGroups/contoso';
const BUILTIN = `/providers/Microsoft.Authorization/policyDefinitions/${WORKSPACE_PUBLIC_ACCESS_POLICY}`;
const evaluate = evaluator(amlGov003);
const member = (effect?: string) => ({ policyDefinitionId: BUILTIN, referenceId: 'mlWorkspacesNoPublicAccess', ...(effect !== undefined ? { effect } : {}) });
const byParameter = member("[parameters('mlWorkspacePublicAccessEffect')]");
const values = (v: Record<string, string>) => Object.fromEntries(Object.entries(v).map(([k, value]) => [k, { value }]));

describe('AML-GOV-003 with the workspace policy inside an initiative', () => {
  it('passes: a built-in set at the subscription, the effect from the assignment parameter (the set default is Disabled)', () => {
    const set = policySetDefinition(MCSB_SET, [byParameter], { mlWorkspacePublicAccessEffect: effectParameter('Disabled') });
    const assigned = policyAssignment(SUB, 'mcsb', MCSB_SET, { properties: { parameters: values({ mlWorkspacePublicAccessEffect: 'Audit' }) } });
    expect(evaluate(subscription(), new SnapshotSet([assigned, set])).status).toBe('pass');
    // the same assignment without the parameter: the set's default (Disabled) applies
    const unset = policyAssignment(SUB, 'mcsb', MCSB_SET);
    expect(failed(evaluate(subscription(), new SnapshotSet([unset, set]))).evidence).toEqual({
      policyDefinition: WORKSPACE_PUBLIC_ACCESS_POLICY,
      assignmentsSeen: 1,
      initiatives: [{ assignment: unset.id, policySetDefinition: MCSB_SET, verdict: 'effect Disabled' }],
    });
  });

  it('passes: the effect from the set default, a literal effect, or no effect parameter (the definition default, Audit)', () => {
    const custom = setAtSubscription('ml-guardrails');
    const withDefault = policySetDefinition(custom, [byParameter], { mlWorkspacePublicAccessEffect: effectParameter('Deny') });
    expect(evaluate(subscription(), new SnapshotSet([policyAssignment(SUB, 'guardrails', custom), withDefault])).status).toBe('pass');
    const literal = policySetDefinition(custom, [member('Deny')]);
    expect(evaluate(subscription(), new SnapshotSet([policyAssignment(SUB, 'guardrails', custom), literal])).status).toBe('pass');
    const bare = policySetDefinition(custom, [member()]);
    expect(evaluate(subscription(), new SnapshotSet([policyAssignment(SUB, 'guardrails', custom), bare])).status).toBe('pass');
  });

  it('passes: an initiative defined at a management group and assigned there (inherited)', () => {
    const setId = setAtManagementGroup('contoso', 'CostManagement');
    const set = policySetDefinition(setId, [byParameter], { mlWorkspacePublicAccessEffect: effectParameter('Audit') });
    const inherited = policyAssignment(SUB, 'mg-guardrails', setId, { properties: { scope: MG, parameters: values({ mlWorkspacePublicAccessEffect: 'Deny' }) } });
    expect(evaluate(subscription(), new SnapshotSet([inherited, set])).status).toBe('pass');
  });

  it('ids compare case-insensitively: the assignment, the set and its member spelled differently', () => {
    const set = policySetDefinition(setAtManagementGroup('contoso', 'CostManagement').replace('managementGroups', 'managementgroups'), [
      { ...member('Audit'), policyDefinitionId: BUILTIN.toUpperCase().replace('PROVIDERS', 'providers') },
    ]);
    const assigned = policyAssignment(SUB, 'mg-guardrails', setAtManagementGroup('Contoso', 'costmanagement').replace('Microsoft.Authorization', 'microsoft.authorization'), { properties: { scope: MG } });
    expect(evaluate(subscription(), new SnapshotSet([assigned, set])).status).toBe('pass');
  });

  it('the set parameter resolves to Disabled (assigned, or by default), or an override disables the member', () => {
    const set = policySetDefinition(MCSB_SET, [byParameter], { mlWorkspacePublicAccessEffect: effectParameter('Audit') });
    const off = policyAssignment(SUB, 'mcsb', MCSB_SET, { properties: { parameters: values({ mlWorkspacePublicAccessEffect: 'Disabled' }) } });
    expect(failed(evaluate(subscription(), new SnapshotSet([off, set]))).evidence.initiatives).toEqual([{ assignment: off.id, policySetDefinition: MCSB_SET, verdict: 'effect Disabled' }]);
    const overridden = policyAssignment(SUB, 'mcsb', MCSB_SET, {
      properties: { overrides: [{ kind: 'policyEffect', value: 'Disabled', selectors: [{ kind: 'policyDefinitionReferenceId', in: ['mlWorkspacesNoPublicAccess'] }] }] },
    });
    expect(evaluate(subscription(), new SnapshotSet([overridden, set])).status).toBe('fail');
    const otherMember = policyAssignment(SUB, 'mcsb', MCSB_SET, {
      properties: { overrides: [{ kind: 'policyEffect', value: 'Disabled', selectors: [{ kind: 'policyDefinitionReferenceId', in: ['RefId1'] }] }] },
    });
    expect(evaluate(subscription(), new SnapshotSet([otherMember, set])).status).toBe('pass');
  });

  it('fails: the set does not contain the workspace policy (the official built-in set as is)', () => {
    const set = policySetDefinition(MCSB_SET, []);
    const assigned = policyAssignment(SUB, 'mcsb', MCSB_SET);
    expect(failed(evaluate(subscription(), new SnapshotSet([assigned, set]))).evidence.initiatives).toEqual([
      { assignment: assigned.id, policySetDefinition: MCSB_SET, verdict: 'does not contain the workspace policy' },
    ]);
  });

  it('fails: the set definition is gone (not read), an effect that cannot be resolved, or the initiative assigned at a resource group only', () => {
    const assigned = policyAssignment(SUB, 'mcsb', MCSB_SET);
    expect(failed(evaluate(subscription(), new SnapshotSet([assigned]))).evidence.initiatives).toEqual([
      { assignment: assigned.id, policySetDefinition: MCSB_SET, verdict: 'set definition not found, or not readable by AML Guard' },
    ]);
    const noValue = policySetDefinition(MCSB_SET, [byParameter], { mlWorkspacePublicAccessEffect: effectParameter() });
    expect(failed(evaluate(subscription(), new SnapshotSet([assigned, noValue]))).evidence.initiatives).toEqual([
      { assignment: assigned.id, policySetDefinition: MCSB_SET, verdict: 'effect unresolved (set parameter mlWorkspacePublicAccessEffect has no value)' },
    ]);
    const set = policySetDefinition(MCSB_SET, [member('Deny')]);
    expect(evaluate(subscription(), new SnapshotSet([policyAssignment(rgScope('rg-ml'), 'rg-only', MCSB_SET), set])).status).toBe('fail');
  });

  it('a direct assignment still passes next to an initiative that does not guard', () => {
    const set = policySetDefinition(MCSB_SET, []);
    expect(evaluate(subscription(), new SnapshotSet([policyAssignment(SUB, 'mcsb', MCSB_SET), set, policyAssignment(SUB, 'direct', BUILTIN)])).status).toBe('pass');
  });
});
